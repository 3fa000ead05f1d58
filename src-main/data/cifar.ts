// CIFAR-10, binary version: data_batch_1..5.bin and test_batch.bin, each a run of 3073-byte records
// (1 label byte, then 1024 red, 1024 green, 1024 blue bytes of a 32x32 image, rows top to bottom).
// Read from a folder or straight from cifar-10-binary.tar.gz.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { CIFAR10_CLASS_NAMES, datasetShapes, splitSizes } from '../../shared/data/catalog';
import type { LoadContext, LoadedDataset } from './types';
import { DatasetError, fsProblem } from './errors';
import { buildImageDataset, type RawImages } from './images';
import { readTarFile } from './tar';
import { datasetPath, FILE_CAPS, listFolder, pathKind, readUserFile } from './userFiles';
import { locateDataset, missingDatasetMessage } from './dataset-store';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE;
export const CIFAR_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST_FILE = 'test_batch.bin';

/** Decodes concatenated batch files into HWC images (planes interleaved into [32, 32, 3]). */
export function decodeCifarBatches(batches: { name: string; bytes: Uint8Array }[]): RawImages {
  let count = 0;
  for (const b of batches) {
    if (b.bytes.length === 0 || b.bytes.length % RECORD !== 0) {
      throw new DatasetError(`size ${b.bytes.length} is not a whole number of ${RECORD}-byte records (truncated or not a CIFAR-10 binary batch)`, b.name);
    }
    count += b.bytes.length / RECORD;
  }
  const pixels = new Uint8Array(count * PLANE * 3);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const b of batches) {
    for (let r = 0; r < b.bytes.length / RECORD; r++, n++) {
      const rec = r * RECORD;
      const label = b.bytes[rec];
      if (label > 9) throw new DatasetError(`record ${r} has label ${label}; CIFAR-10 labels are 0..9`, b.name);
      labels[n] = label;
      const out = n * PLANE * 3;
      for (let p = 0; p < PLANE; p++) {
        pixels[out + p * 3] = b.bytes[rec + 1 + p];
        pixels[out + p * 3 + 1] = b.bytes[rec + 1 + PLANE + p];
        pixels[out + p * 3 + 2] = b.bytes[rec + 1 + 2 * PLANE + p];
      }
    }
  }
  return { pixels, labels, count, height: SIDE, width: SIDE, channels: 3 };
}

/** Class names from batches.meta.txt (one per line) when present and sane. */
function classNamesFrom(meta: Uint8Array | undefined): string[] {
  if (!meta) return CIFAR10_CLASS_NAMES;
  const names = new TextDecoder().decode(meta).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  return names.length === 10 ? names : CIFAR10_CLASS_NAMES;
}

const WANTED = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE, 'batches.meta.txt'];
const baseName = (name: string) => name.split('/').pop() ?? '';

/** The folder holding the batches: the given one, or its cifar-10-batches-bin sub-folder. */
async function batchFolder(path: string): Promise<{ folder: string; names: string[] }> {
  const names = (await listFolder(path)).map((e) => e.name);
  if (!names.includes(CIFAR_TEST_FILE) && names.includes('cifar-10-batches-bin')) {
    const folder = join(path, 'cifar-10-batches-bin');
    return { folder, names: (await listFolder(folder)).map((e) => e.name) };
  }
  return { folder: path, names };
}

/** The batch files by base name, from a folder (or its cifar-10-batches-bin sub-folder) or an archive. */
async function readCifarFiles(path: string): Promise<{ files: Map<string, Uint8Array>; where: (name: string) => string }> {
  const files = new Map<string, Uint8Array>();
  if ((await pathKind(path)) === 'file') {
    const { entries } = await readTarFile(path, { wanted: (name) => WANTED.includes(baseName(name)), maxEntryBytes: FILE_CAPS.cifarBatch.bytes });
    for (const [name, data] of entries) files.set(baseName(name), data);
    return { files, where: (name) => `${path}!${name}` };
  }
  const { folder, names } = await batchFolder(path);
  for (const name of WANTED) {
    if (names.includes(name)) files.set(name, await readUserFile(join(folder, name), 'cifarBatch'));
  }
  return { files, where: (name) => join(folder, name) };
}

export async function loadCifar10(config: DatasetConfig, ctx: LoadContext, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  // No path: the downloaded archive (or a copy unpacked there by hand).
  const path = datasetPath(config) || locateDataset('cifar10', ctx.cacheDir);
  if (!path) throw new DatasetError(missingDatasetMessage('cifar10', ctx.cacheDir));
  ctx.onProgress?.({ stage: 'read', fraction: 0, message: 'Reading CIFAR-10 batches' });
  const { files, where } = await readCifarFiles(path);
  const missing = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].filter((n) => !files.has(n));
  if (missing.length) throw new DatasetError(`missing ${missing.join(', ')} (the binary version of CIFAR-10 has data_batch_1..5.bin and test_batch.bin)`, path);
  const train = decodeCifarBatches(CIFAR_TRAIN_FILES.map((n) => ({ name: where(n), bytes: files.get(n)! })));
  const test = decodeCifarBatches([{ name: where(CIFAR_TEST_FILE), bytes: files.get(CIFAR_TEST_FILE)! }]);
  ctx.onProgress?.({ stage: 'read', fraction: 1 });
  const classNames = classNamesFrom(files.get('batches.meta.txt'));
  return buildImageDataset({ descriptor, config, train, test, numClasses: 10, classNames });
}

/** Shapes; the sample counts come from the batch sizes (an archive's entries are scanned, not kept). */
export async function describeCifar10(config: DatasetConfig): Promise<DatasetShapes> {
  const shapes = datasetShapes(config);
  const path = datasetPath(config);
  if (!path) return shapes;
  try {
    let records: (name: string) => Promise<number>;
    if ((await pathKind(path)) === 'file') {
      const { sizes: all } = await readTarFile(path);
      const sizes = new Map([...all].map(([name, size]) => [baseName(name), size]));
      records = async (name) => {
        if (!sizes.has(name)) throw new DatasetError(`missing ${name}`, path);
        return Math.floor(sizes.get(name)! / RECORD);
      };
    } else {
      const { folder } = await batchFolder(path);
      records = async (name) => Math.floor((await stat(join(folder, name))).size / RECORD);
    }
    let train = 0;
    for (const name of CIFAR_TRAIN_FILES) train += await records(name);
    return { ...shapes, trainSize: splitSizes(train, config).train, testSize: await records(CIFAR_TEST_FILE) };
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`cannot read the CIFAR-10 batches: ${fsProblem(e)}`, path);
  }
}
