// Which of the user's files and folders the host may read for datasets. A graph names its dataset path, and a
// graph can come from anywhere (a shared file, a download): a path that only arrived inside a graph is not
// permission to read it, or a hostile file could show /etc/passwd in the dataset preview, or train on it and have
// it exported with the run. A path becomes readable when the user allows it (they typed it into a dataset field,
// or confirmed one that came with a file; see shared/api.ts allowDatasetPath); the app's own folders and the
// catalogue's default paths always are. Granting a folder grants what is inside it. Grants are kept in the data
// folder, so a dataset allowed once stays allowed; deleting that file takes them all back.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';

const FORMAT = 'layerlab-read-grants';
/** Oldest grants are dropped past this many. */
const MAX_GRANTS = 500;

export interface ReadGrantsOptions {
  /** Always readable (resolved absolute paths): the data folder, bundled samples, catalogue defaults. */
  builtIn: string[];
  /** Where grants persist; omit to keep them in memory only. */
  file?: string;
}

/** `child` is `parent` or lies inside it (both absolute and normalised). */
function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class ReadGrants {
  private readonly builtIn: string[];
  private granted: string[];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ReadGrantsOptions) {
    this.builtIn = opts.builtIn.map((p) => path.resolve(p));
    this.granted = opts.file ? readGrantFile(opts.file) : [];
  }

  /** Whether `p` (absolute) may be read: it is, or lies in, a granted or built-in path. */
  covers(p: string): boolean {
    if (!path.isAbsolute(p)) return false;
    const target = path.resolve(p);
    return this.builtIn.some((b) => within(target, b)) || this.granted.some((g) => within(target, g));
  }

  /** Grants `p` (absolute) and keeps it for later starts; resolves once it is saved. */
  grant(p: string): Promise<void> {
    const target = path.resolve(p);
    if (this.covers(target)) return this.saving;
    this.granted = [...this.granted.filter((g) => g !== target), target].slice(-MAX_GRANTS);
    const file = this.opts.file;
    if (!file) return Promise.resolve();
    const content = JSON.stringify({ format: FORMAT, paths: this.granted }, null, 2);
    this.saving = this.saving
      .then(() => fs.promises.mkdir(path.dirname(file), { recursive: true }))
      .then(() => writeFileAtomic(file, content))
      .catch((err: unknown) => console.warn(`Could not save dataset read grants to ${file}:`, err instanceof Error ? err.message : err));
    return this.saving;
  }
}

/** The saved grants; a missing or damaged file means none (never fatal: it only costs the user a confirmation). */
function readGrantFile(file: string): string[] {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) return [];
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; paths?: unknown };
    if (value.format !== FORMAT || !Array.isArray(value.paths)) return [];
    return value.paths.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).slice(-MAX_GRANTS);
  } catch {
    return [];
  }
}
