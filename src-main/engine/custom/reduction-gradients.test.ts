import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { ensureGradientFixes } from './gradients';

ensureGradientFixes(tf);

/** d/dx sum(reduce(x) * r) written out: r broadcast back over the reduced axes (divided by their size for mean). */
function expected(shape: number[], axes: number[], r: tf.Tensor, mean: boolean): Float32Array {
  const keep = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const n = axes.reduce((p, a) => p * shape[a], 1);
  return tf.tidy(() => tf.broadcastTo(tf.div(tf.reshape(r, keep), mean ? n : 1), shape).dataSync() as Float32Array);
}

const CASES: [number[], number[]][] = [
  [[6, 5], [0]],
  [[6, 5], [1]],
  [[3, 4, 5], [0, 1]],
  [[3, 4, 5], [2]],
  [[3, 4, 5], [0, 2]],
  [[2, 3, 4], [0, 1, 2]],
];

describe('Sum and Mean gradients without an array of ones', () => {
  it('are the registered gradients', () => {
    for (const k of ['Sum', 'Mean']) expect((tf.getGradient(k) as unknown as Record<string, unknown>).__layerlabReductionGrad).toBe(true);
  });

  // tf.broadcastTo's Tile kernel is a scalar loop on wasm (100x slower than a broadcasting Mul): a
  // LayerNorm-like mean over the last axis must not use it.
  it('wasm: the gradient of a mean over the last axis is a broadcasting Mul, not Tile', async () => {
    await initBackend('wasm');
    const x = tf.randomNormal([16, 28, 32], 0, 1, 'float32', 3);
    const profile = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.mean(v, -1, true))))(x));
    const kernels = profile.kernels.map((k) => k.name);
    expect(kernels).toContain('Multiply');
    expect(kernels).not.toContain('Tile');
    x.dispose();
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    for (const [shape, axes] of CASES) {
      for (const keepDims of [false, true]) {
        it(`${backend}: sum and mean of ${shape.join('x')} over ${axes.join(',')}${keepDims ? ' (keepDims)' : ''}`, async () => {
          await initBackend(backend);
          const x = tf.randomNormal(shape, 0, 1, 'float32', 1);
          const outShape = tf.sum(x, axes, keepDims).shape;
          const r = tf.randomNormal(outShape, 0, 1, 'float32', 2);
          for (const mean of [false, true]) {
            const f = (v: tf.Tensor) => tf.sum(tf.mul(mean ? tf.mean(v, axes, keepDims) : tf.sum(v, axes, keepDims), r));
            const g = tf.grad(f)(x);
            expect(g.shape).toEqual(shape);
            const want = expected(shape, axes, r, mean);
            g.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
            g.dispose();
          }
          tf.dispose([x, r]);
        });
      }
    }
  }
});
