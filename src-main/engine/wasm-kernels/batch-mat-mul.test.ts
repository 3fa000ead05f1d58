import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { installWasmKernels, isLayerLabKernel } from '.';
import { expectParity, wasmDataIds } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

/** The product on the cpu backend and on wasm (with LayerLab's kernel), same inputs. */
function matMulBoth(aShape: number[], bShape: number[], ta: boolean, tb: boolean) {
  return expectParity(aShape.length + bShape.length, (seed) => {
    const a = tf.randomNormal(aShape, 0, 1, 'float32', seed);
    const b = tf.randomNormal(bShape, 0, 1, 'float32', seed + 1);
    return [tf.matMul(a, b, ta, tb)];
  });
}

const FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** [aShape, bShape] for an [M=5, K=7] x [K=7, N] product with the transposition flags applied. */
function shapes(batchA: number[], batchB: number[], ta: boolean, tb: boolean, n = 3): [number[], number[]] {
  return [
    [...batchA, ...(ta ? [7, 5] : [5, 7])],
    [...batchB, ...(tb ? [n, 7] : [7, n])],
  ];
}

describe('BatchMatMul on wasm (LayerLab replacement)', () => {
  it('is the registered wasm kernel', () => {
    expect(installWasmKernels(tf)).toContain('BatchMatMul');
    expect(isLayerLabKernel(tf, 'BatchMatMul')).toBe(true);
  });

  for (const [ta, tb] of FLAGS) {
    const label = `transposeA=${ta} transposeB=${tb}`;
    it(`matches cpu without batch, ${label}`, () => matMulBoth(...shapes([], [], ta, tb), ta, tb));
    it(`matches cpu with both batched (batch 4), ${label}`, () => matMulBoth(...shapes([4], [4], ta, tb), ta, tb));
    // N = 23 = 16 + 4 + 3: every column path of the SIMD kernel (16-wide, 4-wide, single columns).
    it(`matches cpu with both batched and 23 output columns (batch 2x3), ${label}`, () => matMulBoth(...shapes([2, 3], [2, 3], ta, tb, 23), ta, tb));
    it(`matches cpu with a batched, b shared (batch 2x3), ${label}`, () => matMulBoth(...shapes([2, 3], [], ta, tb), ta, tb));
    it(`matches cpu with a shared, b batched (batch 3), ${label}`, () => matMulBoth(...shapes([1], [3], ta, tb), ta, tb));
    it(`matches cpu with broadcast batch axes ([2,1] x [1,3]), ${label}`, () => matMulBoth(...shapes([2, 1], [1, 3], ta, tb), ta, tb));
  }

  it('matches cpu on a training-sized backward product (x^T . dy, 128 x 784 x 256)', () =>
    expectParity(3, (seed) => [tf.matMul(tf.randomNormal([128, 784], 0, 1, 'float32', seed), tf.randomNormal([128, 256], 0, 1, 'float32', seed + 1), true, false)], { tol: 2e-4 }));

  it('matches cpu on attention-sized products (QK^T and weights.V, 2 x 4 heads x 28 tokens x 8)', () =>
    expectParity(5, (seed) => {
      const q = tf.randomNormal([2, 4, 28, 8], 0, 1, 'float32', seed);
      const k = tf.randomNormal([2, 4, 28, 8], 0, 1, 'float32', seed + 1);
      const weights = tf.softmax(tf.matMul(q, k, false, true));
      return [weights, tf.matMul(weights, k)];
    }));

  // tfjs-backend-wasm caches XNNPACK operators by b's data id: a reshaped view of the same data used as b
  // again read out of bounds (a RuntimeError in stock tfjs, so cpu is the only reference here). Both
  // products here take the XNNPACK path.
  it('gives the right product when the same data is used as b again in another shape', () =>
    expectParity(
      7,
      (seed) => {
        const b = tf.randomNormal([400, 200], 0, 1, 'float32', seed);
        const first = tf.matMul(tf.randomNormal([5, 400], 0, 1, 'float32', seed + 1), b);
        const again = tf.matMul(tf.randomNormal([5, 800], 0, 1, 'float32', seed + 2), tf.reshape(b, [800, 100]));
        return [first, again];
      },
      { stockWasm: false },
    ));

  it('gradients of matMul chains (2-D and batched) match cpu', () =>
    expectParity(11, (seed) => {
      const input = (shape: number[], i: number) => tf.randomNormal(shape, 0, 1, 'float32', seed + i);
      const chain = (x: tf.Tensor, w: tf.Tensor, v: tf.Tensor) => tf.sum(tf.sin(tf.matMul(tf.matMul(x, w), v, false, true)));
      return [
        ...tf.grads(chain)([input([4, 5], 0), input([5, 3], 1), input([2, 3], 2)]),
        ...tf.grads(chain)([input([6, 4, 5], 3), input([6, 5, 3], 4), input([6, 2, 3], 5)]),
      ];
    }));

  it('frees its temporary transposes (no wasm tensors left behind)', () => {
    for (const [batchA, batchB] of [[[3], []], [[], [3]], [[3], [3]]]) {
      for (const [ta, tb] of FLAGS) {
        const [aShape, bShape] = shapes(batchA, batchB, ta, tb);
        const a = tf.randomNormal(aShape);
        const b = tf.randomNormal(bShape);
        const before = wasmDataIds();
        tf.matMul(a, b, ta, tb).dispose();
        expect(wasmDataIds(), `${aShape} x ${bShape} ${ta} ${tb}`).toBe(before);
        tf.dispose([a, b]);
      }
    }
  });
});
