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

/** [aShape, bShape] before transposition flags are applied: M=5, K=7, N=3. */
function shapes(batchA: number[], batchB: number[], ta: boolean, tb: boolean): [number[], number[]] {
  return [
    [...batchA, ...(ta ? [7, 5] : [5, 7])],
    [...batchB, ...(tb ? [3, 7] : [7, 3])],
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
    it(`matches cpu with a batched, b shared (batch 2x3), ${label}`, () => matMulBoth(...shapes([2, 3], [], ta, tb), ta, tb));
    it(`matches cpu with a shared, b batched (batch 3), ${label}`, () => matMulBoth(...shapes([1], [3], ta, tb), ta, tb));
    it(`matches cpu with broadcast batch axes ([2,1] x [1,3]), ${label}`, () => matMulBoth(...shapes([2, 1], [1, 3], ta, tb), ta, tb));
  }

  it('matches cpu on a training-sized backward product (x^T . dy, 128 x 784 x 256)', () =>
    expectParity(3, (seed) => [tf.matMul(tf.randomNormal([128, 784], 0, 1, 'float32', seed), tf.randomNormal([128, 256], 0, 1, 'float32', seed + 1), true, false)], 2e-4));

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
