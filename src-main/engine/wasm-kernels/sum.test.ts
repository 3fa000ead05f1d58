import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { isLayerLabKernel } from '.';
import { leadingAxes } from './sum';
import { expectParity } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

describe('Sum on wasm (LayerLab replacement)', () => {
  it('is the registered wasm kernel', () => expect(isLayerLabKernel(tf, 'Sum')).toBe(true));

  it('recognises only a leading run of axes', () => {
    expect(leadingAxes([0, 1, 2], 4)).toBe(3);
    expect(leadingAxes([1, 0], 3)).toBe(2);
    expect(leadingAxes(-3, 3)).toBe(1);
    expect(leadingAxes([0, 2], 3)).toBe(-1);
    expect(leadingAxes([1], 3)).toBe(-1);
    expect(leadingAxes([0, 1, 2], 3)).toBe(-1); // everything: the stock kernel
    expect(leadingAxes(null, 3)).toBe(-1);
  });

  const cases: [number[], number | number[], boolean][] = [
    [[64, 5], 0, false],
    [[4, 6, 7, 3], [0, 1, 2], false],
    [[4, 6, 7, 3], [2, 0, 1], true],
    [[5, 3, 4], [-3, -2], false],
    [[5, 3, 4], 1, false], // inner axis: stock kernel
    [[5, 3, 4], [0, 2], true], // not a leading run: stock kernel
    [[6, 4], [0, 1], false], // all axes: stock kernel
  ];
  for (const [i, [shape, axis, keepDims]] of cases.entries()) {
    it(`matches cpu: sum of ${shape.join('x')} over ${String(axis)}${keepDims ? ', keepDims' : ''}`, () =>
      expectParity(i + 1, (seed) => [tf.sum(tf.randomNormal(shape, 0, 1, 'float32', seed), axis, keepDims)]));
  }

  it('bias gradients of a Dense layer on a sequence match cpu', () =>
    expectParity(9, (seed) => {
      const x = tf.randomNormal([8, 5, 6], 0, 1, 'float32', seed);
      const w = tf.randomNormal([6, 4], 0, 1, 'float32', seed + 1);
      const b = tf.randomNormal([4], 0, 1, 'float32', seed + 2);
      return tf.grads((w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.tanh(tf.add(tf.matMul(x.reshape([40, 6]), w), b))))([w, b]);
    }));
});
