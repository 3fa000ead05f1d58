// File-system errors as one line a person can act on ("the disk is full (ENOSPC)"), for run records, the api and
// the CLI, instead of Node's "ENOSPC: no space left on device, write" with a stack trace.

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'this is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

/** A Node system error (it has an errno code such as 'ENOSPC'). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/** "the disk is full (ENOSPC)"; for codes without a phrase, Node's own words ("no such file or directory (ENOENT)"). */
export function fsErrorReason(err: unknown): string {
  if (!isFsError(err)) return err instanceof Error ? err.message : String(err);
  const own = /^E[A-Z0-9]+: ([^,]+)/.exec(err.message)?.[1];
  return `${REASONS[err.code] ?? own ?? err.message} (${err.code})`;
}

/** fsErrorReason with the file it concerns: "could not write /x/run.json: the disk is full (ENOSPC)". */
export function fsErrorText(err: unknown): string {
  if (err instanceof FileWriteError) return err.message;
  const file = isFsError(err) ? err.path : undefined;
  return `${fsErrorReason(err)}${file ? ` (${file})` : ''}`;
}

/** A failed write, naming the file; keeps the system error's code so callers can still tell ENOSPC from EACCES. */
export class FileWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`could not write ${path}: ${fsErrorReason(cause)}`, { cause });
    this.name = 'FileWriteError';
    this.code = isFsError(cause) ? cause.code : undefined;
  }
}
