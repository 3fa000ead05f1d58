import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { ensureGradientFixes } from '../custom/gradients';
import { isLayerLabKernel } from '.';
import { expectParity, wasmDataIds } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
  ensureGradientFixes(tf);
});

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
  dilations?: number | [number, number];
}

const CASES: Case[] = [
  { x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { x: [2, 7, 8, 2], filter: [3, 2, 2, 3], strides: [2, 3], pad: 'valid' },
  { x: [1, 5, 5, 2], filter: [2, 2, 2, 2], strides: 2, pad: 'valid' }, // last row and column unused by the forward conv
  { x: [3, 9, 9, 4], filter: [5, 5, 4, 2], strides: 1, pad: 'same' },
  { x: [4, 1, 16, 3], filter: [1, 2, 3, 6], strides: 1, pad: 'valid', dilations: [1, 4] }, // a dilated causal Conv1D
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'same', dilations: 2 },
];

const label = (c: Case) => `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${String(c.strides)}, ${c.pad}${c.dilations ? `, dilations ${String(c.dilations)}` : ''}`;

describe('Conv2DBackpropInput on wasm (LayerLab replacement)', () => {
  it('is the registered wasm kernel', () => expect(isLayerLabKernel(tf, 'Conv2DBackpropInput')).toBe(true));

  for (const [i, c] of CASES.entries()) {
    // conv2dTranspose has no dilations: dilated cases are checked through the gradient (which dilates the filter).
    if (c.dilations === undefined)
      it(`conv2dTranspose matches cpu: ${label(c)}`, () =>
      expectParity(i + 1, (seed) => {
        const outShape = tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad).shape;
        const dy = tf.randomNormal(outShape, 0, 1, 'float32', seed) as tf.Tensor4D;
        const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1) as tf.Tensor4D;
        return [tf.conv2dTranspose(dy, w, c.x, c.strides, c.pad)];
      }));

    it(`conv2d gradients match cpu: ${label(c)}`, () =>
      expectParity(i + 20, (seed) => {
        const x = tf.randomNormal(c.x, 0, 1, 'float32', seed) as tf.Tensor4D;
        const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1) as tf.Tensor4D;
        const f = (x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.sin(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations ?? 1)));
        return tf.grads(f)([x, w]);
      }));
  }

  it('frees its temporaries (flipped filter, spread gradient)', () => {
    const dy = tf.randomNormal([2, 4, 4, 5]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 5]) as tf.Tensor4D;
    tf.conv2dTranspose(dy, w, [2, 7, 7, 3], 2, 'same').dispose(); // warm-up
    const before = wasmDataIds();
    tf.conv2dTranspose(dy, w, [2, 7, 7, 3], 2, 'same').dispose();
    tf.conv2dTranspose(dy, w, [2, 4, 4, 3], 1, 'same').dispose();
    expect(wasmDataIds()).toBe(before);
    tf.dispose([dy, w]);
  });
});
