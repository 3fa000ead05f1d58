// Recently opened or saved graphs, newest first, kept in localStorage (both hosts have it). The browser
// cannot reopen a file by name, so small files keep their content too and reopen from it.
export interface RecentFile {
  name: string;
  /** Full path in Electron; null in the browser. */
  path: string | null;
  /** File text when it is small enough to keep (under MAX_CONTENT characters). */
  content?: string;
  at: number;
}

const KEY = 'layerlab.recentFiles';
const MAX_ENTRIES = 8;
const MAX_CONTENT = 300_000;

export function listRecent(): RecentFile[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter((r): r is RecentFile => typeof r === 'object' && r !== null && typeof (r as RecentFile).name === 'string');
  } catch {
    return [];
  }
}

export function addRecent(name: string, path: string | null, content: string): void {
  const key = (r: Pick<RecentFile, 'name' | 'path'>) => r.path ?? `name:${r.name}`;
  const entry: RecentFile = { name, path, at: Date.now() };
  if (content.length <= MAX_CONTENT) entry.content = content;
  const list = [entry, ...listRecent().filter((r) => key(r) !== key(entry))].slice(0, MAX_ENTRIES);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Quota: drop the contents and keep just the names.
    try {
      localStorage.setItem(KEY, JSON.stringify(list.map(({ content: _c, ...rest }) => rest)));
    } catch {
      // Nothing more to do; the list is a convenience.
    }
  }
}
