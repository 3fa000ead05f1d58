// The crash-recovery copy: the graph with unsaved changes, written to localStorage every few seconds while
// dirty and removed once the document is clean again. On start, an existing copy is offered back.
export interface RecoveryCopy {
  name: string;
  filePath: string | null;
  content: string;
  savedAt: number;
}

const KEY = 'layerlab.recovery';

export function readRecovery(): RecoveryCopy | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as RecoveryCopy;
    return typeof r.content === 'string' && typeof r.savedAt === 'number' ? r : null;
  } catch {
    return null;
  }
}

export function writeRecovery(copy: RecoveryCopy): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function clearRecovery(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
