// Reading and writing graph files for the desktop app (the dialogs live in src-main/electron/dialogs.ts).
import fsp from 'node:fs/promises';
import { GRAPH_FILE_EXTENSION } from '../../shared/graph/types';
import { formatSize, MAX_GRAPH_FILE_CHARS } from '../../shared/graph/limits';
import { writeFileAtomic } from './atomic-write';
import { fsErrorReason } from './fs-errors';
import { errorDetail, type ErrorCode, type ErrorDetail, type ErrorParams } from '../../shared/api';

export class GraphFileAccessError extends Error {
  readonly errorDetail: ErrorDetail;
  constructor(
    public readonly path: string,
    message: string,
    code: ErrorCode,
    params: ErrorParams = {},
  ) {
    super(`${path}: ${message}`);
    this.name = 'GraphFileAccessError';
    this.errorDetail = errorDetail(code, { path, ...params }, this.message);
  }
}

function reason(err: unknown, writing = false): string {
  const e = err as NodeJS.ErrnoException;
  // When writing, the file itself need not exist: ENOENT means its folder is missing.
  if (e?.code === 'ENOENT') return writing ? 'the folder does not exist' : 'the file does not exist';
  return fsErrorReason(err);
}

/** The file's text; refuses folders and files too large to be a graph. Validation happens in the renderer. */
export async function readGraphFileText(filePath: string): Promise<string> {
  let size: number;
  try {
    const stat = await fsp.stat(filePath);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = stat.size;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException)?.code === 'ENOENT';
    throw new GraphFileAccessError(filePath, `cannot open: ${reason(err)}`, missing ? 'file.notFound' : 'file.cannotRead', { reason: reason(err) });
  }
  if (size > MAX_GRAPH_FILE_CHARS) {
    const params = { size: formatSize(size), max: formatSize(MAX_GRAPH_FILE_CHARS) };
    throw new GraphFileAccessError(filePath, `is ${params.size}, more than the ${params.max} a graph file may have`, 'file.tooLarge', params);
  }
  try {
    return await fsp.readFile(filePath, 'utf8');
  } catch (err) {
    throw new GraphFileAccessError(filePath, `cannot read: ${reason(err)}`, 'file.cannotRead', { reason: reason(err) });
  }
}

export async function writeGraphFile(filePath: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(filePath, content);
  } catch (err) {
    throw new GraphFileAccessError(filePath, `not saved (${reason(err, true)}); the previous file, if any, is unchanged`, 'file.notSaved', { reason: reason(err, true) });
  }
}

/** 'model' -> 'model.layerlab.json'; names that already end in .json keep their ending. */
export function withGraphExtension(fileName: string): string {
  const trimmed = fileName.trim() || 'untitled';
  const lower = trimmed.toLowerCase();
  if (lower.endsWith('.json')) return trimmed;
  return lower.endsWith('.layerlab') ? `${trimmed}.json` : `${trimmed}${GRAPH_FILE_EXTENSION}`;
}
