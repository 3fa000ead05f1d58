import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../engine/compile';
import { rng, seedMathRandom } from './seed';
import { mlpGraph } from './testing/fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function initialWeights(seed: number): Float32Array {
  const restore = seedMathRandom(seed);
  try {
    const { model } = buildModel(mlpGraph({ hidden: 8 }), tf);
    const values = model.getWeights()[0].dataSync().slice();
    model.dispose();
    return values as Float32Array;
  } finally {
    restore();
  }
}

describe('seeded randomness', () => {
  it('rng repeats for a seed and differs between seeds', () => {
    const a = rng(5);
    const b = rng(5);
    const c = rng(6);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('the same seed gives the same initial weights, another seed different ones', () => {
    const first = initialWeights(42);
    const again = initialWeights(42);
    const other = initialWeights(43);
    expect(first.length).toBe(784 * 8);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(other)).not.toEqual(Array.from(first));
  });

  it('puts Math.random back', () => {
    const original = Math.random;
    const restore = seedMathRandom(1);
    expect(Math.random).not.toBe(original);
    restore();
    expect(Math.random).toBe(original);
  });
});
