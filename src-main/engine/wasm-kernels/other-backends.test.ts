// LayerLab's wasm kernels change nothing on the other backends (tfjs-node's 'tensorflow', 'cpu'): the kernel
// replacements are registered for 'wasm' only, and the Adam optimizer runs tfjs's own step elsewhere.
// (tfjs-node itself cannot be installed here: its install downloads libtensorflow. These tests use 'cpu',
// which takes the same non-wasm code paths.)
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { makeOptimizer } from '../optimizers';
import { ADAM_KERNEL, installWasmKernels, isLayerLabKernel } from '.';

const REPLACED = ['BatchMatMul', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Sum', 'Tanh', 'Identity', 'Cast'];

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

/** Six Adam steps on cpu from the same start and gradients; the weights after them. */
async function stepsOnCpu(opt: tf.Optimizer, tag: string): Promise<{ weights: number[]; kernels: string[] }> {
  await tf.setBackend('cpu');
  try {
    const w = tf.variable(tf.randomNormal([9, 5], 0, 1, 'float32', 3), true, `${tag}_w`);
    const kernels = new Set<string>();
    for (let step = 0; step < 6; step++) {
      const g = tf.randomNormal([9, 5], 0, 1 + step, 'float32', 10 + step);
      const profile = await tf.profile(() => opt.applyGradients([{ name: w.name, tensor: g }]));
      profile.kernels.forEach((k) => kernels.add(k.name));
      g.dispose();
    }
    const weights = Array.from(w.dataSync());
    w.dispose();
    opt.dispose();
    return { weights, kernels: [...kernels] };
  } finally {
    await tf.setBackend('wasm');
  }
}

describe('LayerLab wasm kernels leave other backends alone', () => {
  it('replaces kernels on wasm only: the cpu kernels stay the registered ones', () => {
    const before = REPLACED.map((name) => tf.getKernel(name, 'cpu'));
    expect(installWasmKernels(tf, {})).toEqual(expect.arrayContaining([...REPLACED, ADAM_KERNEL]));
    REPLACED.forEach((name, i) => {
      expect(isLayerLabKernel(tf, name)).toBe(true);
      expect(tf.getKernel(name, 'cpu'), name).toBe(before[i]);
    });
    expect(tf.getKernel(ADAM_KERNEL, 'cpu')).toBeUndefined();
  });

  it("Adam off wasm is tfjs's own step: no fused kernel, the same weights bit for bit", async () => {
    const ours = await stepsOnCpu(makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }, tf), 'ours');
    const stock = await stepsOnCpu(tf.train.adam(0.01), 'stock');
    expect(ours.kernels).not.toContain(ADAM_KERNEL);
    expect(ours.kernels).toContain('Sqrt');
    expect(ours.weights).toEqual(stock.weights);
  });
});
