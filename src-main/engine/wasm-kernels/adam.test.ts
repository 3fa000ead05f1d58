import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { makeOptimizer } from '../optimizers';
import { ADAM_KERNEL } from '.';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
});

// Sizes: a scalar, an odd size (the scalar tail after whole vectors) and a weight matrix.
const SHAPES = [[1], [7], [33, 31]];

/** Steps an optimizer over variables starting at the same values with the same gradient sequence. */
async function train(opt: tf.Optimizer, backend: 'wasm' | 'cpu', tag: string, steps = 6): Promise<{ values: Float32Array[]; state: Float32Array[]; names: string[] }> {
  await tf.setBackend(backend);
  const vars = SHAPES.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 10 + i), true, `${tag}_${backend}_${i}`));
  for (let step = 0; step < steps; step++) {
    const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.randomNormal(v.shape, 0, 1 + step, 'float32', 100 * step + i + 1) }));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights = await opt.getWeights();
  const out = {
    values: vars.map((v) => v.dataSync() as Float32Array),
    state: weights.slice(1).map((w) => w.tensor.dataSync() as Float32Array),
    names: weights.map((w) => w.name.replace(`${tag}_${backend}_`, '')),
  };
  tf.dispose(vars);
  opt.dispose();
  await tf.setBackend('wasm');
  return out;
}

describe('fused Adam on wasm', () => {
  it('is registered, and one step runs it instead of tfjs ops', async () => {
    expect(tf.getKernel(ADAM_KERNEL, 'wasm')).toBeDefined();
    const opt = makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }, tf);
    const w = tf.variable(tf.ones([5]), true, 'fused_probe');
    const g = tf.ones([5]);
    const profile = await tf.profile(() => opt.applyGradients([{ name: w.name, tensor: g }]));
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain(ADAM_KERNEL);
    expect(names).not.toContain('Sqrt');
    tf.dispose([w, g]);
    opt.dispose();
  });

  it('gives bit-for-bit the weights and moments of tfjs Adam on wasm, with the same state names', async () => {
    const fused = await train(makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }, tf), 'wasm', 'a');
    const stock = await train(tf.train.adam(0.01), 'wasm', 'b');
    expect(fused.names).toEqual(stock.names);
    fused.values.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(stock.values[i])));
    fused.state.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(stock.state[i])));
  });

  it('matches tfjs Adam on the cpu backend', async () => {
    const fused = await train(makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }, tf), 'wasm', 'c');
    const cpu = await train(tf.train.adam(0.01), 'cpu', 'd');
    fused.values.forEach((v, i) => v.forEach((x, j) => expect(Math.abs(x - cpu.values[i][j])).toBeLessThan(1e-5)));
  });

  it('AdamW keeps its decay on top of the fused step', async () => {
    const fused = await train(makeOptimizer({ optimizer: 'adamw', learningRate: 0.01, weightDecay: 0.1 }, tf), 'wasm', 'e');
    const cpu = await train(makeOptimizer({ optimizer: 'adamw', learningRate: 0.01, weightDecay: 0.1 }, tf), 'cpu', 'f');
    fused.values.forEach((v, i) => v.forEach((x, j) => expect(Math.abs(x - cpu.values[i][j])).toBeLessThan(1e-5)));
  });
});
