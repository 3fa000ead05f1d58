// The replacement Conv2D gradient equals tfjs's own gradient where that exists, equals an independent
// reference (dilated filter written out with zeros) for dilation > 1, and agrees with finite differences.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dilateFilter, ensureGradientFixes, unsortedSegmentSumValues } from './gradients';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  { name: 'same, stride 1', x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, dilations: 1, pad: 'same' },
  { name: 'valid, stride 2', x: [2, 9, 8, 2], filter: [3, 2, 2, 5], strides: 2, dilations: 1, pad: 'valid' },
  { name: 'same, stride 2, even kernel', x: [1, 8, 7, 3], filter: [2, 4, 3, 2], strides: [2, 2], dilations: 1, pad: 'same' },
  { name: 'same, dilation 2', x: [2, 9, 9, 2], filter: [3, 3, 2, 3], strides: 1, dilations: 2, pad: 'same' },
  { name: 'valid, dilation [2, 3]', x: [2, 10, 11, 3], filter: [2, 3, 3, 2], strides: 1, dilations: [2, 3], pad: 'valid' },
  { name: 'conv1d-like, dilation 4', x: [2, 1, 20, 3], filter: [1, 3, 3, 4], strides: 1, dilations: [1, 4], pad: 'valid' },
];

type Grads = { dx: Float32Array; dw: Float32Array };

function grads(c: Case, x: tf.Tensor4D, w: tf.Tensor4D, r: tf.Tensor, throughDilatedFilter: boolean): Grads {
  const f = (xi: tf.Tensor, wi: tf.Tensor) =>
    throughDilatedFilter
      ? tf.conv2d(xi as tf.Tensor4D, dilateFilter(tf, wi as tf.Tensor4D, typeof c.dilations === 'number' ? [c.dilations, c.dilations] : c.dilations), c.strides, c.pad)
      : tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations);
  const [dx, dw] = tf.grads((xi: tf.Tensor, wi: tf.Tensor) => f(xi, wi).mul(r).sum())([x, w]);
  return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('Conv2D gradient replacement', () => {
  const data = cases.map((c) => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal(c.filter, 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.strides, c.pad, 'NHWC', c.dilations);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    return { c, x, w, r, reference: undefined as Grads | undefined };
  });

  beforeAll(async () => {
    await tf.setBackend('cpu');
    // References use only tfjs's stock gradients, so compute them before the replacement is registered.
    for (const d of data) d.reference = grads(d.c, d.x, d.w, d.r, true);
    expect(() => grads(data[3].c, data[3].x, data[3].w, data[3].r, false)).toThrow(/dilation/);
    ensureGradientFixes(tf);
    ensureGradientFixes(tf); // idempotent
  });

  for (const [i, c] of cases.entries()) {
    it(`matches the stock-gradient reference: ${c.name}`, () => {
      const d = data[i];
      const ours = grads(c, d.x, d.w, d.r, false);
      expect(maxAbsDiff(ours.dx, d.reference!.dx)).toBeLessThan(1e-4);
      expect(maxAbsDiff(ours.dw, d.reference!.dw)).toBeLessThan(1e-4);
    });
  }

  it('agrees with finite differences on a dilated case', () => {
    const c = cases[4];
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 4) as tf.Tensor4D;
    const w = tf.randomNormal(c.filter, 0, 1, 'float32', 5) as tf.Tensor4D;
    const r = tf.randomNormal(tf.conv2d(x, w, c.strides, c.pad, 'NHWC', c.dilations).shape, 0, 1, 'float32', 6);
    const ours = grads(c, x, w, r, false);
    const loss = (wv: Float32Array) =>
      tf.conv2d(x, tf.tensor4d(wv, c.filter), c.strides, c.pad, 'NHWC', c.dilations).mul(r).sum().dataSync()[0];
    const base = w.dataSync() as Float32Array;
    const eps = 1e-2;
    for (const k of [0, 5, 11, base.length - 1]) {
      const up = base.slice();
      const down = base.slice();
      up[k] += eps;
      down[k] -= eps;
      const numeric = (loss(up) - loss(down)) / (2 * eps);
      expect(Math.abs(numeric - ours.dw[k])).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('only the built-in registration is replaced once (idempotent)', () => {
    const g = tf.getGradient('Conv2D') as unknown as Record<string, unknown>;
    expect(g.__layerlabConv2DGrad).toBe(true);
  });
});

describe('unsortedSegmentSumValues', () => {
  it('sums rows by id and drops out-of-range ids', () => {
    const out = new Float32Array(6);
    unsortedSegmentSumValues([1, 2, 3, 4, 5, 6, 7, 8], [2, 0, 2, 5], 3, out);
    expect(Array.from(out)).toEqual([3, 4, 0, 0, 6, 8]);
  });
});
