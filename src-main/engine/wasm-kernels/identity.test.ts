import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { isLayerLabKernel } from '.';
import { expectParity, wasmDataIds } from './testing';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

describe('Identity and same-dtype Cast on wasm share data (LayerLab replacements)', () => {
  it('are the registered wasm kernels', () => {
    expect(isLayerLabKernel(tf, 'Identity')).toBe(true);
    expect(isLayerLabKernel(tf, 'Cast')).toBe(true);
  });

  it('a clone and a same-dtype cast share the data, outlive their input, and free it with the last of them', () => {
    const before = wasmDataIds();
    const a = tf.tensor([1.5, -2, 3.25, 4], [2, 2]);
    const b = tf.clone(a);
    const c = tf.cast(a, 'float32');
    expect(wasmDataIds()).toBe(before + 1); // one buffer, three tensors
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1.5, -2, 3.25, 4]);
    b.dispose();
    expect(Array.from(c.dataSync())).toEqual([1.5, -2, 3.25, 4]);
    expect(c.shape).toEqual([2, 2]);
    c.dispose();
    expect(wasmDataIds()).toBe(before);
  });

  it('real casts still convert (the stock kernel)', () => {
    const x = tf.tensor([1.7, -2.2, 0, 3]);
    expect(Array.from(tf.cast(x, 'int32').dataSync())).toEqual([1, -2, 0, 3]);
    expect(tf.cast(tf.tensor([1, 2], [2], 'int32'), 'float32').dtype).toBe('float32');
  });

  it('gradients through products (which clone and cast what they keep) match cpu', () =>
    expectParity(3, (seed) => {
      const x = tf.randomNormal([6, 5], 0, 1, 'float32', seed);
      const w = tf.randomNormal([6, 5], 0, 1, 'float32', seed + 1);
      return tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.mul(x, w), tf.clone(x))))([x, w]);
    }));

  it('frees everything a training-like gradient makes', () => {
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 5);
    const w = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 6));
    const before = wasmDataIds();
    for (let i = 0; i < 3; i++) {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.tanh(tf.matMul(x, w))));
      value.dispose();
      tf.dispose(grads);
    }
    expect(wasmDataIds()).toBe(before);
    tf.dispose([x, w]);
  });
});
