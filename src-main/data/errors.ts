// One error type for every bad dataset file or setting: the message names the file and the problem.
import { openProblem } from '../files/safe-read';
import { errorDetail, type ErrorCode, type ErrorDetail, type ErrorParams } from '../../shared/api';

export class DatasetError extends Error {
  /** The file or folder at fault, when there is one. */
  readonly file?: string;
  /** A specific code for the problems learners meet most; else data.fileProblem / data.problem with the English text. */
  readonly errorDetail: ErrorDetail;
  constructor(message: string, file?: string, code?: ErrorCode, params: ErrorParams = {}) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'DatasetError';
    this.file = file;
    const generic = file ? errorDetail('data.fileProblem', { file, detail: message }, this.message) : errorDetail('data.problem', { detail: message }, this.message);
    this.errorDetail = code ? errorDetail(code, { ...(file ? { file } : {}), ...params }, this.message) : generic;
  }
}

/** A file-system error of `file` as a DatasetError (a missing file has its own code). */
export function fileProblemError(err: unknown, file: string, message = openProblem(err)): DatasetError {
  const missing = (err as NodeJS.ErrnoException)?.code === 'ENOENT';
  return missing ? new DatasetError(message, file, 'data.notFound') : new DatasetError(message, file);
}

/** A file-system error as a short phrase without the path (the DatasetError adds the path once). */
export const fsProblem = openProblem;
