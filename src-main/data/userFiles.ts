// Every read of a user's dataset file goes through here: the path a setting names (resolved the same way for
// the grant check in main and for the reader in the worker), only regular files, never more than a cap per kind
// of file, and file-system problems as DatasetErrors naming the file.
import { readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DatasetConfig } from '../../shared/graph/types';
import { DATASETS, DEBIAN_FASHION_MNIST_DIR, getDescriptor, optionValue } from '../../shared/data/catalog';
import { readRegularFile, readRegularPrefix, streamRegularFile, UnsafeFileError } from '../files/safe-read';
import { DatasetError, fileProblemError } from './errors';
import { resolveResourcePath, resourceCandidates } from './resourcePath';

const MB = 1024 * 1024;

/** Largest file of each kind a reader accepts; past these the whole set would not fit a training worker anyway. */
export const FILE_CAPS = {
  csv: { bytes: 256 * MB, what: 'CSV files' },
  text: { bytes: 64 * MB, what: 'text files' },
  image: { bytes: 64 * MB, what: 'image files' },
  idx: { bytes: 1024 * MB, what: 'IDX files' },
  cifarBatch: { bytes: 256 * MB, what: 'CIFAR-10 batch files' },
  archive: { bytes: 1024 * MB, what: 'archives' },
} as const;
export type FileKind = keyof typeof FILE_CAPS;

/** The absolute path a path setting names: bundled 'resources/...' names resolved, others against the cwd. */
export function resolveUserPath(given: string): string {
  return path.resolve(resolveResourcePath(given));
}

/** The dataset's 'path' option resolved, or '' when none is set. */
export function datasetPath(config: DatasetConfig): string {
  const given = String(optionValue(config, 'path') ?? '');
  return given ? resolveUserPath(given) : '';
}

/** Every file or folder a dataset setting reads (its path options, resolved); none for generated sets. */
export function datasetReadPaths(config: DatasetConfig): string[] {
  const specs = getDescriptor(config.id)?.options.filter((o) => o.type === 'path') ?? [];
  return specs.map((o) => String(optionValue(config, o.key) ?? '')).filter(Boolean).map(resolveUserPath);
}

/** What is readable without asking: the bundled samples, the catalogue's default paths and the OS's dataset copies (the app's own choices). */
export function builtInReadPaths(): string[] {
  const defaults = DATASETS.flatMap((d) => d.options.filter((o) => o.type === 'path' && o.default !== '').map((o) => String(o.default)));
  const samples = resourceCandidates('resources/samples').filter((p) => existsSync(p));
  return [...samples, ...defaults.map(resolveUserPath), DEBIAN_FASHION_MNIST_DIR];
}

function asDatasetError(err: unknown, file: string): DatasetError {
  if (err instanceof DatasetError) return err;
  if (err instanceof UnsafeFileError) return fileProblemError(err, file, err.message);
  return fileProblemError(err, file);
}

/** A whole regular file of at most the cap for its kind. */
export async function readUserFile(file: string, kind: FileKind): Promise<Buffer> {
  try {
    return await readRegularFile(file, FILE_CAPS[kind].bytes, FILE_CAPS[kind].what);
  } catch (err) {
    throw asDatasetError(err, file);
  }
}

/** A regular file's text (UTF-8, a leading byte-order mark removed). */
export async function readUserText(file: string, kind: FileKind): Promise<string> {
  return (await readUserFile(file, kind)).toString('utf8').replace(/^\uFEFF/, '');
}

/** A stream over a regular file of at most the cap for its kind. */
export async function streamUserFile(file: string, kind: FileKind): Promise<{ stream: Readable; size: number }> {
  try {
    return await streamRegularFile(file, FILE_CAPS[kind].bytes, FILE_CAPS[kind].what);
  } catch (err) {
    throw asDatasetError(err, file);
  }
}

/** The first bytes of a regular file (a header), without loading the rest. */
export async function readPrefix(file: string, bytes: number): Promise<Uint8Array> {
  try {
    return await readRegularPrefix(file, bytes);
  } catch (err) {
    throw asDatasetError(err, file);
  }
}

/** The entries of a folder; a missing folder or a file where a folder belongs is a DatasetError naming it. */
export async function listFolder(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw asDatasetError(err, folder);
  }
}

/** 'file' or 'folder' for what a path names; anything else (a FIFO, a device) is refused. */
export async function pathKind(p: string): Promise<'file' | 'folder'> {
  let info;
  try {
    info = await stat(p);
  } catch (err) {
    throw asDatasetError(err, p);
  }
  if (info.isDirectory()) return 'folder';
  if (info.isFile()) return 'file';
  throw new DatasetError('cannot read: it is neither a regular file nor a folder', p);
}
