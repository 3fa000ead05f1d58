import { describe, expect, it } from 'vitest';
import { datasetShapes } from '../../../shared/data/catalog';
import type { DatasetConfig } from '../../../shared/graph/types';
import { imageDims, toRgba, tokenDisplay, tokenIds, tokenText, valueRange, viewFor } from './sampleView';

const config = (id: string, representation: DatasetConfig['representation']): DatasetConfig => ({
  id, representation, labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 0, seed: 1,
});

describe('imageDims', () => {
  it('recovers 28x28x1 and 32x32x3 from every representation the catalogue gives', () => {
    for (const rep of ['vector', 'matrix', 'sequence', 'image'] as const) {
      expect(imageDims(datasetShapes(config('mnist-bundled', rep)).features.x as number[]), `mnist ${rep}`).toEqual({ height: 28, width: 28, channels: 1 });
      expect(imageDims(datasetShapes(config('cifar10', rep)).features.x as number[]), `cifar ${rep}`).toEqual({ height: 32, width: 32, channels: 3 });
    }
  });
  it('refuses shapes that are not images', () => {
    expect(imageDims([10])).toBeNull();
    expect(imageDims([6, 789])).toBeNull();
    expect(imageDims([4, 4, 2])).toBeNull();
  });
});

describe('viewFor', () => {
  it('picks images, tokens, series, heat maps and numbers', () => {
    expect(viewFor('classification', [784], true)).toEqual({ kind: 'image', height: 28, width: 28, channels: 1 });
    expect(viewFor('sequence', [30, 43], false)).toEqual({ kind: 'tokens' });
    // The digit-to-name task: a sequence task whose input is an MNIST image; a few-shot episode is not an image.
    expect(viewFor('sequence', [784], true)).toEqual({ kind: 'image', height: 28, width: 28, channels: 1 });
    expect(viewFor('sequence', [6, 789], true)).toEqual({ kind: 'tokens' });
    expect(viewFor('regression', [32, 1], false)).toEqual({ kind: 'series' });
    expect(viewFor('classification', [6, 789], false)).toEqual({ kind: 'heatmap', rows: 6, cols: 789 });
    // A CSV table with 16 columns is not an image even though 16 is a square.
    expect(viewFor('classification', [16], false)).toEqual({ kind: 'numbers' });
  });
});

describe('toRgba', () => {
  it('scales gray values from the range to 0..255 and repeats them over R, G, B', () => {
    const px = toRgba([0, 0.5, 1, 0.25], { height: 2, width: 2, channels: 1 }, { min: 0, max: 1 });
    expect(Array.from(px)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 64, 64, 64, 255]);
  });
  it('keeps colour channels apart (HWC order)', () => {
    const px = toRgba([255, 0, 0, 0, 0, 255], { height: 1, width: 2, channels: 3 }, { min: 0, max: 255 });
    expect(Array.from(px)).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
  });
  it('a standardised image uses the training range, and a flat range does not divide by zero', () => {
    expect(valueRange([1, 2], { min: -0.4, max: 2.8, mean: 0, std: 1 })).toEqual({ min: -0.4, max: 2.8 });
    expect(valueRange([3, 3])).toEqual({ min: 3, max: 4 });
  });
});

describe('token text', () => {
  it('reads ids directly and one-hot rows by arg-max', () => {
    expect(tokenIds({ shape: [3], values: [4, 0, 2] })).toEqual([4, 0, 2]);
    expect(tokenIds({ shape: [2, 3], values: [0, 0, 1, 1, 0, 0] })).toEqual([2, 0]);
    expect(tokenText({ shape: [2, 3], values: [0, 1, 0, 0, 0, 1] })).toBe('1 2');
    expect(tokenText({ shape: [3], values: [1, 2, 3], text: 'abc' })).toBe('abc');
    expect(tokenDisplay({ shape: [3], values: [1, 2, 0], text: '12 ' })).toBe('"12 "');
    expect(tokenDisplay({ shape: [3], values: [1, 2, 0] })).toBe('1 2 0');
  });
});
