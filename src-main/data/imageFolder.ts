// The user's images: one sub-folder per class, JPEG, PNG, WebP or BMP files inside (all the same size;
// grayscale images are widened to RGB when the folder mixes both). A seeded 20% of every class
// (fixed seed: the same images in every run) is the test set.
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { imageFeatureShape, splitSizes } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { LoadContext, LoadedDataset } from './types';
import { DatasetError } from './errors';
import { decodeImage, IMAGE_EXTENSIONS, imageHeader, type DecodedImage, type ImageHeader } from './imageDecode';
import { buildImageDataset, type RawImages } from './images';
import { datasetPath, listFolder, readPrefix, readUserFile } from './userFiles';

const TEST_SEED = 2024;
export const IMAGE_TEST_FRACTION = 0.2;

/** Images decoded at once: sharp decodes on its own threads, so a few in flight keep both cores busy. */
const DECODE_AHEAD = 4;
/** Enough of a file for the header of a JPEG (after its EXIF block), PNG or WebP. */
const HEADER_BYTES = 256 * 1024;

/** Class folders (sorted) and their image files (sorted), validated before any image is decoded. */
export async function listImageFolder(root: string): Promise<{ classes: string[]; files: string[][] }> {
  const entries = await listFolder(root);
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classes.length === 0) {
    throw new DatasetError('has no class sub-folders: put the images of each class in a sub-folder named after the class', root);
  }
  if (classes.length < 2) throw new DatasetError(`has only one class folder ('${classes[0]}'); classification needs at least two`, root);
  const files: string[][] = [];
  for (const cls of classes) {
    const names = (await listFolder(join(root, cls))).filter((e) => !e.isDirectory() && IMAGE_EXTENSIONS.test(e.name)).map((e) => e.name).sort();
    if (names.length === 0) throw new DatasetError('has no image files (.jpg, .jpeg, .png, .webp or .bmp)', join(root, cls));
    files.push(names.map((n) => join(root, cls, n)));
  }
  return { classes, files };
}

function stratifiedTest(files: string[][]): Set<string> {
  const test = new Set<string>();
  files.forEach((list, c) => {
    const order = permutation(list.length, TEST_SEED + c);
    const n = list.length >= 2 ? Math.max(1, Math.round(list.length * IMAGE_TEST_FRACTION)) : 0;
    for (let i = 0; i < n; i++) test.add(list[order[i]]);
  });
  return test;
}

function pack(images: { img: DecodedImage; label: number }[], channels: number): RawImages {
  const { width, height } = images[0].img;
  const per = width * height * channels;
  const pixels = new Uint8Array(images.length * per);
  const labels = new Int32Array(images.length);
  images.forEach(({ img, label }, k) => {
    labels[k] = label;
    if (img.channels === channels) pixels.set(img.pixels, k * per);
    else for (let p = 0; p < width * height; p++) pixels.fill(img.pixels[p], k * per + p * 3, k * per + p * 3 + 3);
  });
  return { pixels, labels, count: images.length, height, width, channels };
}

function rootOf(config: DatasetConfig): string {
  const root = datasetPath(config);
  if (!root) throw new DatasetError('no folder given: set the Path option to a folder with one sub-folder per class');
  return root;
}

/** Decodes every file in order, a few at a time. */
async function decodeAll(list: { file: string; label: number }[], onDone: (n: number) => void): Promise<{ img: DecodedImage; label: number; file: string }[]> {
  const out: { img: DecodedImage; label: number; file: string }[] = [];
  for (let i = 0; i < list.length; i += DECODE_AHEAD) {
    const batch = list.slice(i, i + DECODE_AHEAD);
    const images = await Promise.all(batch.map(async ({ file }) => decodeImage(await readUserFile(file, 'image'), file)));
    for (let k = 0; k < batch.length; k++) {
      const img = images[k];
      const first = out[0];
      if (first && (img.width !== first.img.width || img.height !== first.img.height)) {
        throw new DatasetError(`is ${img.width}x${img.height} but ${first.file} is ${first.img.width}x${first.img.height}; all images must have the same size`, batch[k].file);
      }
      out.push({ img, label: batch[k].label, file: batch[k].file });
    }
    onDone(out.length);
  }
  return out;
}

export async function loadImageFolder(config: DatasetConfig, ctx: LoadContext, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const { classes, files } = await listImageFolder(rootOf(config));
  const total = files.reduce((n, l) => n + l.length, 0);
  let reported = 0;
  const decoded = await decodeAll(files.flatMap((list, label) => list.map((file) => ({ file, label }))), (n) => {
    if (n - reported >= 200) {
      reported = n;
      ctx.onProgress?.({ stage: 'read', fraction: n / total, message: `Decoded ${n} of ${total} images` });
    }
  });
  const channels = decoded.some((d) => d.img.channels === 3) ? 3 : 1;
  const test = stratifiedTest(files);
  const train = pack(decoded.filter((d) => !test.has(d.file)), channels);
  const testSet = test.size > 0 ? pack(decoded.filter((d) => test.has(d.file)), channels) : null;
  return buildImageDataset({ descriptor, config, train, test: testSet, numClasses: classes.length, classNames: classes });
}

/** An image's size and channels from its first bytes (the whole file when they do not hold the header). */
async function headerOf(file: string): Promise<ImageHeader> {
  const head = await readPrefix(file, HEADER_BYTES);
  try {
    return await imageHeader(head, file);
  } catch (err) {
    if (head.length < HEADER_BYTES) throw err;
    return imageHeader(await readUserFile(file, 'image'), file);
  }
}

/** Shapes from the folder listing and every image's header (all must have one size). */
export async function describeImageFolder(config: DatasetConfig): Promise<DatasetShapes> {
  const { classes, files } = await listImageFolder(rootOf(config));
  let channels = 1;
  let size: { width: number; height: number; file: string } | null = null;
  for (const file of files.flat()) {
    const h = await headerOf(file);
    if (size && (h.width !== size.width || h.height !== size.height)) {
      throw new DatasetError(`is ${h.width}x${h.height} but ${size.file} is ${size.width}x${size.height}; all images must have the same size`, file);
    }
    size ??= { width: h.width, height: h.height, file };
    channels = Math.max(channels, h.channels);
  }
  const { width, height } = size!;
  const test = stratifiedTest(files).size;
  const total = files.reduce((n, l) => n + l.length, 0);
  return {
    features: { x: imageFeatureShape(height, width, channels, config.representation) },
    targets: { y: [classes.length] },
    numClasses: classes.length,
    trainSize: splitSizes(total - test, config).train,
    testSize: test,
  };
}
