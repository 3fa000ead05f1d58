import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { isLayerLabKernel } from '.';
import { expectParity } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

interface Case {
  x: [number, number, number, number];
  size: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
}

const CASES: Case[] = [
  { x: [2, 8, 8, 3], size: 2, strides: 2, pad: 'valid' },
  { x: [2, 7, 9, 4], size: 3, strides: 2, pad: 'same' }, // overlapping windows, padding
  { x: [1, 6, 6, 2], size: 3, strides: 1, pad: 'same' },
  { x: [3, 5, 7, 1], size: [2, 3], strides: [1, 2], pad: 'valid' },
];

// The reference is the cpu backend only: tfjs-backend-wasm 4.22's own MaxPoolGrad gives no gradient to a
// window whose maximum is negative (its running maximum starts at 0, not -infinity), nor to an all-zero
// window; the cpu backend, TensorFlow and LayerLab's kernel pass it to the window's first maximum.
const CPU_ONLY = { stockWasm: false };

describe('MaxPoolGrad on wasm (LayerLab replacement)', () => {
  it('is the registered wasm kernel', () => expect(isLayerLabKernel(tf, 'MaxPoolGrad')).toBe(true));

  for (const [i, c] of CASES.entries()) {
    const label = `x ${c.x.join('x')}, window ${String(c.size)}, strides ${String(c.strides)}, ${c.pad}`;
    const grad = (x: tf.Tensor4D, seed: number) => {
      const r = tf.randomNormal(tf.maxPool(x, c.size, c.strides, c.pad).shape, 0, 1, 'float32', seed);
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, c.size, c.strides, c.pad), r)))(x);
    };
    it(`matches cpu: ${label}`, () => expectParity(i + 1, (seed) => [grad(tf.randomNormal(c.x, 0, 1, 'float32', seed) as tf.Tensor4D, seed + 1)], CPU_ONLY));
    // After a ReLU most windows hold several equal zeros: the gradient must go to the first one only.
    it(`matches cpu with ties (ReLU outputs): ${label}`, () =>
      expectParity(i + 10, (seed) => [grad(tf.relu(tf.randomNormal(c.x, -0.5, 1, 'float32', seed)) as tf.Tensor4D, seed + 1)], CPU_ONLY));
  }
});
