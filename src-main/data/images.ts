// Turns raw 8-bit images (from IDX, CIFAR, PNG folders, the bundled digits) into a LoadedDataset:
// seeded train/validation split, normalisation with statistics of the training split only,
// representation (vector / matrix / sequence / image), label encoding.
import type { DatasetConfig, Normalization } from '../../shared/graph/types';
import type { DatasetDescriptor } from '../../shared/data/types';
import { imageFeatureShape, splitSizes } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { DatasetSplit, LoadedDataset } from './types';
import { floatTensor, labelTensor } from './tensors';
import { DatasetError } from './errors';

/** N images of H x W x C bytes in HWC order (channel fastest), with one class per image. */
export interface RawImages {
  pixels: Uint8Array;
  labels: Uint8Array | Int32Array;
  count: number;
  height: number;
  width: number;
  channels: number;
}

/** Per-channel value -> normalised value. */
export interface PixelScaling {
  offset: number[];
  scale: number[];
}

/** Per-channel mean and standard deviation (0..255 units) over the given samples. */
export function channelStats(images: RawImages, indices: ArrayLike<number>): { mean: number[]; std: number[] } {
  const c = images.channels;
  const per = images.height * images.width * c;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * per;
    for (let p = 0; p < per; p++) {
      const v = images.pixels[base + p];
      sum[p % c] += v;
      sumSq[p % c] += v * v;
    }
  }
  const n = (indices.length * per) / c;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, i) => Math.sqrt(Math.max(0, s / n - mean[i] * mean[i])));
  return { mean, std };
}

/** value' = (value - offset) * scale, per channel. */
export function pixelScaling(mode: Normalization, images: RawImages, trainIndices: ArrayLike<number>): PixelScaling {
  const c = images.channels;
  if (mode === 'none') return { offset: Array(c).fill(0), scale: Array(c).fill(1) };
  if (mode === 'scale01') return { offset: Array(c).fill(0), scale: Array(c).fill(1 / 255) };
  const { mean, std } = channelStats(images, trainIndices);
  return { offset: mean, scale: std.map((s) => (s > 1e-8 ? 1 / s : 1)) };
}

/** Copies the chosen images as float32 with the scaling applied. */
export function gatherPixels(images: RawImages, indices: ArrayLike<number>, scaling: PixelScaling): Float32Array {
  const c = images.channels;
  const per = images.height * images.width * c;
  const out = new Float32Array(indices.length * per);
  // A lookup table per channel: 256 entries, so the inner loop is one read and one write.
  const tables = scaling.offset.map((off, ch) => Float32Array.from({ length: 256 }, (_, v) => (v - off) * scaling.scale[ch]));
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * per;
    const dst = k * per;
    if (c === 1) {
      const t = tables[0];
      for (let p = 0; p < per; p++) out[dst + p] = t[images.pixels[src + p]];
    } else {
      for (let p = 0; p < per; p++) out[dst + p] = tables[p % c][images.pixels[src + p]];
    }
  }
  return out;
}

export function makeImageSplit(
  images: RawImages, indices: ArrayLike<number>, scaling: PixelScaling, config: DatasetConfig, numClasses: number,
): DatasetSplit {
  const n = indices.length;
  const shape = imageFeatureShape(images.height, images.width, images.channels, config.representation) as number[];
  const classes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const cls = images.labels[indices[k]];
    if (cls < 0 || cls >= numClasses) {
      throw new DatasetError(`label ${cls} of sample ${indices[k]} is outside 0..${numClasses - 1}`);
    }
    classes[k] = cls;
  }
  return {
    size: n,
    features: { x: floatTensor(gatherPixels(images, indices, scaling), [n, ...shape]) },
    targets: { y: labelTensor(classes, numClasses, config.labels, n) },
    classes,
  };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * The whole pipeline. The training pool is shuffled with config.seed, capped by config.limit, and its
 * first part becomes the validation split. Normalisation statistics come from the training split only.
 */
export function buildImageDataset(args: {
  descriptor: DatasetDescriptor;
  config: DatasetConfig;
  train: RawImages;
  test: RawImages | null;
  numClasses: number;
  classNames?: string[];
}): LoadedDataset {
  const { descriptor, config, train, test, numClasses, classNames } = args;
  if (test && (test.height !== train.height || test.width !== train.width || test.channels !== train.channels)) {
    throw new DatasetError(`test images are ${test.height}x${test.width}x${test.channels} but training images are ${train.height}x${train.width}x${train.channels}`);
  }
  const order = permutation(train.count, config.seed);
  const sizes = splitSizes(train.count, config);
  const valIdx = order.subarray(0, sizes.validation);
  const trainIdx = order.subarray(sizes.validation, sizes.validation + sizes.train);
  const scaling = pixelScaling(config.normalization, train, trainIdx);
  const featureShape = imageFeatureShape(train.height, train.width, train.channels, config.representation);
  return {
    descriptor,
    config,
    shapes: {
      features: { x: featureShape },
      targets: { y: [numClasses] },
      numClasses,
      trainSize: sizes.train,
      testSize: test ? test.count : 0,
    },
    train: makeImageSplit(train, trainIdx, scaling, config, numClasses),
    validation: sizes.validation > 0 ? makeImageSplit(train, valIdx, scaling, config, numClasses) : null,
    test: test ? makeImageSplit(test, range(test.count), scaling, config, numClasses) : null,
    classNames,
    imageScaling: { height: train.height, width: train.width, channels: train.channels, ...scaling },
  };
}
