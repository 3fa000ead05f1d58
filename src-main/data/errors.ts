// One error type for every bad dataset file or setting: the message names the file and the problem.

export class DatasetError extends Error {
  /** The file or folder at fault, when there is one. */
  readonly file?: string;
  constructor(message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'DatasetError';
    this.file = file;
  }
}

/** A file-system error as a short phrase without the path (the DatasetError adds the path once). */
export function fsProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'cannot read: no such file or folder';
    case 'EACCES': case 'EPERM': return 'cannot read: permission denied';
    case 'EISDIR': return 'cannot read: it is a folder, not a file';
    case 'ENOTDIR': return 'cannot read: it is a file, not a folder';
    default: return `cannot read: ${err.code ?? err.message}`;
  }
}
