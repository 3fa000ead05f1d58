// The user's images: one sub-folder per class, PNG files inside (8-bit grayscale or RGB, all the same
// size; grayscale images are widened to RGB when the folder mixes both). A seeded 20% of every class
// (fixed seed: the same images in every run) is the test set.
import { readdir, readFile } from 'node:fs/promises';
import { readPrefix } from './readPrefix';
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { imageFeatureShape, optionValue, splitSizes } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { LoadContext, LoadedDataset } from './types';
import { DatasetError, fsProblem } from './errors';
import { decodePng, pngHeader, type DecodedImage } from './png';
import { buildImageDataset, type RawImages } from './images';

const TEST_SEED = 2024;
export const IMAGE_TEST_FRACTION = 0.2;

/** Class folders (sorted) and their PNG files (sorted), validated before any image is decoded. */
export async function listImageFolder(root: string): Promise<{ classes: string[]; files: string[][] }> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (e) {
    throw new DatasetError(fsProblem(e), root);
  }
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classes.length === 0) {
    throw new DatasetError('has no class sub-folders: put the images of each class in a sub-folder named after the class', root);
  }
  if (classes.length < 2) throw new DatasetError(`has only one class folder ('${classes[0]}'); classification needs at least two`, root);
  const files: string[][] = [];
  for (const cls of classes) {
    const names = (await readdir(join(root, cls))).filter((n) => /\.png$/i.test(n)).sort();
    if (names.length === 0) throw new DatasetError('has no .png files', join(root, cls));
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

export async function loadImageFolder(config: DatasetConfig, ctx: LoadContext, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const root = String(optionValue(config, 'path') ?? '');
  if (!root) throw new DatasetError('no folder given: set the Path option to a folder with one sub-folder per class');
  const { classes, files } = await listImageFolder(root);
  const total = files.reduce((n, l) => n + l.length, 0);
  const decoded: { img: DecodedImage; label: number; file: string }[] = [];
  for (let c = 0; c < classes.length; c++) {
    for (const file of files[c]) {
      const img = decodePng(await readFile(file), file);
      const first = decoded[0];
      if (first && (img.width !== first.img.width || img.height !== first.img.height)) {
        throw new DatasetError(`is ${img.width}x${img.height} but ${first.file} is ${first.img.width}x${first.img.height}; all images must have the same size`, file);
      }
      decoded.push({ img, label: c, file });
      if (decoded.length % 200 === 0) ctx.onProgress?.({ stage: 'read', fraction: decoded.length / total, message: `Decoded ${decoded.length} of ${total} images` });
    }
  }
  const channels = decoded.some((d) => d.img.channels === 3) ? 3 : 1;
  const test = stratifiedTest(files);
  const train = pack(decoded.filter((d) => !test.has(d.file)), channels);
  const testSet = test.size > 0 ? pack(decoded.filter((d) => test.has(d.file)), channels) : null;
  return buildImageDataset({ descriptor, config, train, test: testSet, numClasses: classes.length, classNames: classes });
}

/** Shapes from the folder listing and the first image's header. */
export async function describeImageFolder(config: DatasetConfig): Promise<DatasetShapes> {
  const root = String(optionValue(config, 'path') ?? '');
  if (!root) throw new DatasetError('no folder given: set the Path option to a folder with one sub-folder per class');
  const { classes, files } = await listImageFolder(root);
  let channels = 1;
  let size: { width: number; height: number; file: string } | null = null;
  for (const file of files.flat()) {
    const h = pngHeader(await readPrefix(file, 33), file);
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
