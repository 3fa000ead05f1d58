// Writers of small dataset files in the exact official formats, for tests.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { create as createTar } from 'tar';
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

export interface TestImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** HWC bytes. */
  pixels: Uint8Array;
}

/**
 * A standard BMP (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes): 24-bit for RGB, 8-bit with a gray palette
 * for grayscale, as Windows and PIL write them.
 */
export function encodeBmp(img: TestImage): Uint8Array {
  const { width, height, channels, pixels } = img;
  const bpp = channels === 3 ? 24 : 8;
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const palette = channels === 1 ? 256 * 4 : 0;
  const offset = 14 + 40 + palette;
  const out = new Uint8Array(offset + stride * height);
  const v = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  v.setUint32(2, out.length, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, bpp, true);
  v.setUint32(34, stride * height, true);
  if (channels === 1) {
    v.setUint32(46, 256, true);
    for (let i = 0; i < 256; i++) out.set([i, i, i, 0], 54 + i * 4);
  }
  for (let y = 0; y < height; y++) {
    const row = offset + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * channels;
      if (channels === 1) out[row + x] = pixels[p];
      else out.set([pixels[p + 2], pixels[p + 1], pixels[p]], row + x * 3); // B, G, R
    }
  }
  return out;
}

/** An image file's bytes in one of the formats an image folder reads (JPEG at quality 95, lossy). */
export async function encodeImage(img: TestImage, format: 'png' | 'jpeg' | 'webp' | 'bmp'): Promise<Uint8Array> {
  if (format === 'bmp') return encodeBmp(img);
  const raw = sharp(Buffer.from(img.pixels), { raw: { width: img.width, height: img.height, channels: img.channels } }).toColourspace(
    img.channels === 1 ? 'b-w' : 'srgb',
  );
  const encoded = format === 'png' ? raw.png() : format === 'jpeg' ? raw.jpeg({ quality: 95 }) : raw.webp({ lossless: true });
  return new Uint8Array(await encoded.toBuffer());
}

/** Writes a .tar (or .tar.gz) holding `files` with node-tar, as a user's archiver would. */
export async function writeTarFile(archive: string, files: { name: string; data: Uint8Array }[], gzip = false): Promise<void> {
  const staging = await tempDir('tar');
  try {
    for (const f of files) {
      await mkdir(dirname(join(staging, f.name)), { recursive: true });
      await writeFile(join(staging, f.name), f.data);
    }
    await createTar({ file: archive, cwd: staging, gzip, portable: true }, files.map((f) => f.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A tar archive's bytes (see writeTarFile). */
export async function tarBytes(files: { name: string; data: Uint8Array }[], gzip = false): Promise<Uint8Array> {
  const dir = await tempDir('tarbytes');
  try {
    await writeTarFile(join(dir, 'a.tar'), files, gzip);
    return new Uint8Array(await readFile(join(dir, 'a.tar')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
