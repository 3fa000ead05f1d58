// Crash-recovery copies of graphs with unsaved changes, one file per session in <dataDir>/recovery/. Writes are
// atomic (temp file + rename, see atomic-write.ts), so a crash mid-write leaves the previous copy readable. A
// recovery file that cannot be read is moved aside and reported, never fatal: it must not stop the app starting.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ReadRecoveryResult, RecoveryCopy } from '../../shared/api';
import { recoveryCopyProblem } from '../api-payloads';
import { MAX_GRAPH_FILE_CHARS as MAX_CONTENT_CHARS } from '../../shared/graph/limits';
import { writeFileAtomic, type AtomicFs } from './atomic-write';
import { readRegularFile, regularFileEquals, UnsafeFileError } from './safe-read';

const FORMAT = 'layerlab-recovery';
const VERSION = 1;
/** A recovery file holds one graph (at most MAX_CONTENT_CHARS characters, up to 3 UTF-8 bytes each) and a little JSON. */
const MAX_RECOVERY_FILE_BYTES = 3 * MAX_CONTENT_CHARS + 64 * 1024;

interface RecoveryFile extends RecoveryCopy {
  format: typeof FORMAT;
  version: typeof VERSION;
}

export interface RecoveryStoreOptions {
  /**
   * Whether the file a copy was opened from holds exactly `content` (then the copy only repeats it and is dropped).
   * The path comes from the renderer: the default (safe-read.ts) reads only a regular file of exactly the content's
   * size, so a FIFO, a device or a huge file named there is never read.
   */
  sameAsSavedFile?: (filePath: string, content: string) => Promise<boolean>;
  /** For the name of a moved-aside file. Default Date.now. */
  now?: () => number;
  /** File-system calls of the atomic write, replaceable in tests to fail a write midway. */
  atomicFs?: AtomicFs;
}

export class RecoveryStore {
  /** Per-session chain, so a write and a clear requested in order reach the disk in that order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sameAsSavedFile: (filePath: string, content: string) => Promise<boolean>;
  private readonly now: () => number;
  private readonly atomicFs?: AtomicFs;

  /** `dir`: the recovery folder, created on the first write. Session names are checked by the caller. */
  constructor(
    readonly dir: string,
    opts: RecoveryStoreOptions = {},
  ) {
    this.sameAsSavedFile = opts.sameAsSavedFile ?? regularFileEquals;
    this.now = opts.now ?? Date.now;
    this.atomicFs = opts.atomicFs;
  }

  fileFor(session: string): string {
    return path.join(this.dir, `${session}.json`);
  }

  write(session: string, copy: RecoveryCopy): Promise<void> {
    const record: RecoveryFile = { format: FORMAT, version: VERSION, ...copy };
    return this.enqueue(session, async () => {
      await fsp.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fileFor(session), JSON.stringify(record), this.atomicFs);
    });
  }

  clear(session: string): Promise<void> {
    return this.enqueue(session, () => fsp.rm(this.fileFor(session), { force: true }));
  }

  read(session: string): Promise<ReadRecoveryResult> {
    return this.enqueue(session, () => this.readNow(session));
  }

  private async readNow(session: string): Promise<ReadRecoveryResult> {
    const file = this.fileFor(session);
    let text: string;
    try {
      text = (await readRegularFile(file, MAX_RECOVERY_FILE_BYTES, 'recovery files')).toString('utf8');
    } catch (err) {
      if (err instanceof UnsafeFileError && err.code === 'ENOENT') return { copy: null };
      return { copy: null, problem: `The recovery file ${file} could not be read (${err instanceof Error ? err.message : String(err)}); it was ignored.` };
    }
    const problem = fileProblem(text);
    if (problem) return { copy: null, problem: await this.setAside(file, problem) };
    const { name, filePath, content, savedAt } = JSON.parse(text) as RecoveryFile;
    const copy: RecoveryCopy = { name, filePath, content, savedAt };
    if (await this.repeatsSavedFile(copy)) {
      await fsp.rm(file, { force: true });
      return { copy: null };
    }
    return { copy };
  }

  /** True when the copy's file on disk holds exactly the copy's content (saved after the copy was taken). */
  private async repeatsSavedFile(copy: RecoveryCopy): Promise<boolean> {
    if (copy.filePath === null || !path.isAbsolute(copy.filePath)) return false;
    try {
      return await this.sameAsSavedFile(copy.filePath, copy.content);
    } catch {
      return false; // moved or deleted: the copy is all there is
    }
  }

  /** Renames a broken recovery file so it is not offered again but can still be looked at; returns the message. */
  private async setAside(file: string, problem: string): Promise<string> {
    const aside = file.replace(/\.json$/, `.unreadable-${this.now()}.json`);
    try {
      await fsp.rename(file, aside);
      return `The recovery file ${file} is damaged (${problem}); it was moved to ${aside} and ignored.`;
    } catch {
      await fsp.rm(file, { force: true }).catch(() => {});
      return `The recovery file ${file} is damaged (${problem}); it was ignored.`;
    }
  }

  private enqueue<T>(session: string, job: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(session) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(job);
    this.queues.set(session, next);
    // Drop the chain once idle so the map does not grow with every session ever seen.
    void next.catch(() => {}).then(() => {
      if (this.queues.get(session) === next) this.queues.delete(session);
    });
    return next;
  }
}

/** Why a recovery file's text is not a recovery copy, or null. */
function fileProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  const v = value as Partial<RecoveryFile> | null;
  if (typeof v !== 'object' || v === null || v.format !== FORMAT) return `not a LayerLab recovery file (no "format": "${FORMAT}")`;
  if (v.version !== VERSION) return `version ${String(v.version)}, this LayerLab reads version ${VERSION}`;
  return recoveryCopyProblem(v, '');
}
