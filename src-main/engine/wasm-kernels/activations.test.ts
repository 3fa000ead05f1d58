import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { prepareEngine } from '../setup';
import { isLayerLabKernel, SIGMOID_GRAD_KERNEL, TANH_GRAD_KERNEL } from '.';
import { expectParity, wasmDataIds } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
  prepareEngine(tf); // the Tanh / Sigmoid gradients that use the fused kernels
});

describe('Tanh and the activation gradients on wasm (LayerLab kernels)', () => {
  it('Tanh is the registered wasm kernel and the fused gradients exist on wasm only', () => {
    expect(isLayerLabKernel(tf, 'Tanh')).toBe(true);
    for (const name of [TANH_GRAD_KERNEL, SIGMOID_GRAD_KERNEL]) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
      expect(tf.getKernel(name, 'cpu'), name).toBeUndefined();
    }
  });

  it('tanh is within 5e-7 of the exact tanh from -20 to 20, and keeps NaN, infinities and tiny values', () => {
    const n = 40001; // odd: the scalar tail runs too
    const xs = Float32Array.from({ length: n }, (_, i) => -20 + (40 * i) / (n - 1));
    const got = tf.tanh(tf.tensor(xs)).dataSync();
    let worst = 0;
    xs.forEach((x, i) => (worst = Math.max(worst, Math.abs(got[i] - Math.tanh(x)))));
    expect(worst).toBeLessThan(5e-7);
    const special = Array.from(tf.tanh(tf.tensor([NaN, Infinity, -Infinity, 1e-30, -3e-5])).dataSync());
    expect(special[0]).toBeNaN();
    expect(special.slice(1, 3)).toEqual([1, -1]);
    expect(special[3]).toBeCloseTo(1e-30, 36);
    expect(Math.abs(special[4] / -3e-5 - 1)).toBeLessThan(1e-6);
  });

  for (const [i, shape] of [[128, 64], [7, 13], [3]].entries()) {
    it(`tanh of ${shape.join('x')} matches cpu`, () => expectParity(i + 1, (seed) => [tf.tanh(tf.randomNormal(shape, 0, 3, 'float32', seed))]));
  }

  it('gradients of tanh and sigmoid (as an LSTM cell chains them) match cpu', () =>
    expectParity(11, (seed) => {
      const z = tf.randomNormal([9, 4, 7], 0, 2, 'float32', seed);
      const c = tf.randomNormal([9, 4, 7], 0, 1, 'float32', seed + 1);
      const w = tf.randomNormal([9, 4, 7], 0, 1, 'float32', seed + 2);
      return tf.grads((z: tf.Tensor, c: tf.Tensor) => {
        const cell = tf.add(tf.mul(tf.sigmoid(z), c), tf.mul(tf.sigmoid(tf.neg(z)), tf.tanh(z)));
        return tf.sum(tf.mul(tf.mul(tf.sigmoid(tf.mul(z, 0.5)), tf.tanh(cell)), w));
      })([z, c]);
    }));

  it('a tfjs LSTM layer: output and gradients of its weights match cpu', () =>
    expectParity(21, (seed) => {
      const x = tf.randomNormal([5, 6, 3], 0, 1, 'float32', seed);
      const kernel = tf.randomNormal([3, 16], 0, 0.5, 'float32', seed + 1);
      const recurrent = tf.randomNormal([4, 16], 0, 0.5, 'float32', seed + 2);
      const bias = tf.randomNormal([16], 0, 0.5, 'float32', seed + 3);
      const layer = tf.layers.lstm({ units: 4, recurrentActivation: 'sigmoid', weights: [kernel, recurrent, bias] });
      const out = layer.apply(x) as tf.Tensor;
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)), vars);
      const result = [out, ...vars.map((v) => grads[v.name])];
      layer.dispose();
      return result;
    }));

  it('the fused gradient kernels check their inputs and free nothing they should keep', () => {
    const y = tf.tensor([0.1, 0.5, -0.3]);
    expect(() => tf.engine().runKernel(TANH_GRAD_KERNEL, { y, dy: tf.tensor([1, 2]) })).toThrow(/one shape/);
    const before = wasmDataIds();
    const [dx] = tf.grads((x: tf.Tensor) => tf.sum(tf.tanh(x)))([y]);
    expect(Array.from(dx.dataSync()).map((v) => +v.toFixed(6))).toEqual([0.1, 0.5, -0.3].map((t) => +(1 - Math.tanh(t) ** 2).toFixed(6)));
    dx.dispose();
    expect(wasmDataIds()).toBe(before);
  });
});
