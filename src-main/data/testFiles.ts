// Writers of small dataset files in the exact official formats, for tests.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeRng } from '../../shared/data/random';
import { encodeIdxUbyte } from './idx';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES } from './cifar';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `layerlab-${prefix}-`));
}

/** Images whose pixels encode their label, so a test can check images and labels stayed paired. */
export function labelledPixels(count: number, perImage: number, seed: number): { pixels: Uint8Array; labels: Uint8Array } {
  const rng = makeRng(seed);
  const labels = Uint8Array.from({ length: count }, () => Math.floor(rng() * 10));
  const pixels = new Uint8Array(count * perImage);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < perImage; p++) pixels[i * perImage + p] = p === 0 ? labels[i] * 20 : Math.floor(rng() * 256);
  }
  return { pixels, labels };
}

/** Writes the four MNIST IDX files (28x28) into `folder`. */
export async function writeIdxSet(folder: string, trainCount: number, testCount: number, gzip: boolean, prefix = ''): Promise<void> {
  await mkdir(folder, { recursive: true });
  const ext = gzip ? '.gz' : '';
  const pack = (b: Uint8Array) => (gzip ? gzipSync(b) : b);
  for (const [name, count, seed] of [['train', trainCount, 1], ['t10k', testCount, 2]] as const) {
    const { pixels, labels } = labelledPixels(count, 784, seed);
    await writeFile(join(folder, `${prefix}${name}-images-idx3-ubyte${ext}`), pack(encodeIdxUbyte([count, 28, 28], pixels)));
    await writeFile(join(folder, `${prefix}${name}-labels-idx1-ubyte${ext}`), pack(encodeIdxUbyte([count], labels)));
  }
}

/** CIFAR binary batches (label byte + R, G, B planes) whose class decides where a bright square sits and its colour. */
export function learnableCifarBatch(records: number, seed: number): Uint8Array {
  const rng = makeRng(seed);
  const bytes = new Uint8Array(records * 3073);
  for (let r = 0; r < records; r++) {
    const label = Math.floor(rng() * 10);
    const at = r * 3073;
    bytes[at] = label;
    for (let i = 1; i < 3073; i++) bytes[at + i] = Math.floor(rng() * 96);
    const top = 4 + Math.floor(label / 5) * 14;
    const left = 2 + (label % 5) * 6;
    const channel = label % 3;
    for (let y = top; y < top + 8; y++) for (let x = left; x < left + 5; x++) bytes[at + 1 + channel * 1024 + y * 32 + x] = 255;
  }
  return bytes;
}

/** A CIFAR-10 binary folder (five training batches and the test batch) of learnable records. */
export async function writeLearnableCifar(folder: string, perTrainFile: number, testRecords: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [i, name] of CIFAR_TRAIN_FILES.entries()) await writeFile(join(folder, name), learnableCifarBatch(perTrainFile, i + 1));
  await writeFile(join(folder, CIFAR_TEST_FILE), learnableCifarBatch(testRecords, 99));
}
