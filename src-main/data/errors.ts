// One error type for every bad dataset file or setting: the message names the file and the problem.
import { openProblem } from '../files/safe-read';

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
export const fsProblem = openProblem;
