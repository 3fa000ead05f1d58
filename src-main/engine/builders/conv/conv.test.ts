// Convolution and pooling kinds: inferred shapes and parameter counts equal what tfjs builds; causal
// Conv1D never looks ahead; models with each kind train (cpu and wasm) and survive save/load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ParamValues, Shape } from '../../../../shared/layers/types';
import { ensureGradientFixes } from '../../custom/gradients';
import type { SymbolicTensor } from '../../types';
import { apply, buildBoth, constantLoss, predictionGap, pseudoRandom, roundTrip, trainSteps, uniqueName, useWasm } from './test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradientFixes(tf);
});

interface Case {
  kind: string;
  params: ParamValues;
  input: Shape;
}

const cases: Case[] = [
  { kind: 'Conv2D', params: {}, input: [28, 28, 1] },
  { kind: 'Conv2D', params: { filters: 8, kernelSize: 5, padding: 'valid' }, input: [28, 28, 1] },
  { kind: 'Conv2D', params: { filters: 4, strides: 2, padding: 'same' }, input: [9, 9, 3] },
  { kind: 'Conv2D', params: { filters: 4, strides: 2, padding: 'valid' }, input: [9, 9, 3] },
  { kind: 'Conv2D', params: { filters: 3, kernelSize: 4, strides: 3, padding: 'same' }, input: [10, 7, 2] },
  { kind: 'Conv2D', params: { filters: 5, dilationRate: 2, padding: 'same' }, input: [10, 10, 2] },
  { kind: 'Conv2D', params: { filters: 5, dilationRate: 3, padding: 'valid' }, input: [12, 11, 2] },
  { kind: 'Conv2D', params: { filters: 2, kernelSize: 1, activation: 'linear' }, input: [4, 4, 3] },
  { kind: 'MaxPooling2D', params: {}, input: [28, 28, 8] },
  { kind: 'MaxPooling2D', params: { poolSize: 3 }, input: [10, 10, 2] },
  { kind: 'MaxPooling2D', params: { poolSize: 3, strides: 2, padding: 'same' }, input: [9, 9, 1] },
  { kind: 'MaxPooling2D', params: { poolSize: 2, padding: 'same' }, input: [7, 7, 3] },
  { kind: 'MaxPooling2D', params: { poolSize: 3, strides: 1 }, input: [5, 6, 2] },
  { kind: 'AveragePooling2D', params: {}, input: [28, 28, 8] },
  { kind: 'AveragePooling2D', params: { poolSize: 3 }, input: [10, 11, 2] },
  { kind: 'AveragePooling2D', params: { poolSize: 3, strides: 2, padding: 'same' }, input: [9, 9, 1] },
  { kind: 'AveragePooling2D', params: { poolSize: 2, padding: 'same' }, input: [7, 7, 3] },
  { kind: 'GlobalAveragePooling1D', params: {}, input: [10, 4] },
  { kind: 'GlobalAveragePooling1D', params: {}, input: [null, 6] },
  { kind: 'GlobalAveragePooling2D', params: {}, input: [5, 6, 7] },
  { kind: 'Conv1D', params: {}, input: [20, 3] },
  { kind: 'Conv1D', params: { kernelSize: 5, padding: 'valid' }, input: [20, 3] },
  { kind: 'Conv1D', params: { filters: 6, strides: 2, padding: 'same' }, input: [21, 3] },
  { kind: 'Conv1D', params: { filters: 6, strides: 3, padding: 'valid' }, input: [21, 3] },
  { kind: 'Conv1D', params: { kernelSize: 3, dilationRate: 2, padding: 'causal' }, input: [16, 2] },
  { kind: 'Conv1D', params: { filters: 4, kernelSize: 2, dilationRate: 4, padding: 'causal' }, input: [16, 1] },
  { kind: 'Conv1D', params: { kernelSize: 3, strides: 2, padding: 'causal' }, input: [15, 2] },
  { kind: 'Conv1D', params: { kernelSize: 3, dilationRate: 2, padding: 'valid' }, input: [10, 2] },
  { kind: 'Conv1D', params: { kernelSize: 2, dilationRate: 3, padding: 'same' }, input: [10, 2] },
  { kind: 'Conv1D', params: { kernelSize: 2, dilationRate: 2, padding: 'causal' }, input: [null, 3] },
  { kind: 'Conv1D', params: { kernelSize: 3, padding: 'same' }, input: [null, 3] },
];

describe('conv and pooling kinds match tfjs', () => {
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.params)} on ${JSON.stringify(c.input)}`, () => {
      const { inferred, built, model } = buildBoth(c.kind, c.params, [[c.input]]);
      expect(inferred.outputs).toEqual(built);
      expect(inferred.params).toBe(model.countParams());
    });
  }
});

describe('causal Conv1D', () => {
  it('output at time t does not change when inputs after t change', () => {
    const x = tf.input({ shape: [12, 2], name: uniqueName('in') });
    const h = apply('Conv1D', { filters: 3, kernelSize: 3, dilationRate: 2, padding: 'causal', activation: 'tanh' }, [[x]]);
    const y = apply('Conv1D', { filters: 2, kernelSize: 2, dilationRate: 4, padding: 'causal', activation: 'linear' }, [h]);
    const model = tf.model({ inputs: x, outputs: y });
    const t0 = 6;
    const base = pseudoRandom([2, 12, 2], 1);
    const noise = pseudoRandom([2, 12 - t0 - 1, 2], 2).mul(5);
    const perturbed = tf.concat([base.slice([0, 0, 0], [2, t0 + 1, 2]), base.slice([0, t0 + 1, 0], [2, 12 - t0 - 1, 2]).add(noise)], 1);
    const a = model.predict(base) as tf.Tensor;
    const b = model.predict(perturbed) as tf.Tensor;
    const pastGap = a.slice([0, 0, 0], [2, t0 + 1, 2]).sub(b.slice([0, 0, 0], [2, t0 + 1, 2])).abs().max().dataSync()[0];
    const futureGap = a.slice([0, t0 + 1, 0], [2, 1, 2]).sub(b.slice([0, t0 + 1, 0], [2, 1, 2])).abs().max().dataSync()[0];
    expect(pastGap).toBe(0);
    expect(futureGap).toBeGreaterThan(1e-3); // the perturbation is visible from t0 + 1 on
  });

  it("'same' padding, by contrast, does look ahead (the check above can fail)", () => {
    const x = tf.input({ shape: [8, 1], name: uniqueName('in') });
    const [y] = apply('Conv1D', { filters: 1, kernelSize: 3, padding: 'same', activation: 'linear' }, [[x]]);
    const model = tf.model({ inputs: x, outputs: y });
    const base = pseudoRandom([1, 8, 1], 3);
    const future = tf.concat([base.slice([0, 0, 0], [1, 4, 1]), base.slice([0, 4, 0], [1, 4, 1]).add(1)], 1);
    const gap = (model.predict(base) as tf.Tensor).sub(model.predict(future) as tf.Tensor).slice([0, 3, 0], [1, 1, 1]).abs().max().dataSync()[0];
    expect(gap).toBeGreaterThan(1e-4);
  });
});

/** Tiny models that contain each kind. Mostly tanh/linear: with a handful of filters, dead relus would
 * make the outcome depend on the random initialisation. linear and tanh also take the path where stock
 * tfjs Conv2D fails to train (fused conv2d). */
interface TrainCase {
  name: string;
  input: number[];
  build: (x: SymbolicTensor) => SymbolicTensor;
}

const head = (t: SymbolicTensor): SymbolicTensor =>
  tf.layers.dense({ units: 1, name: uniqueName('head') }).apply(t.shape.length > 2 ? (tf.layers.flatten({ name: uniqueName('flat') }).apply(t) as SymbolicTensor) : t) as SymbolicTensor;

const trainCases: TrainCase[] = [
  { name: 'Conv2D + GlobalAveragePooling2D', input: [6, 6, 2], build: (x) => head(apply('GlobalAveragePooling2D', {}, [apply('Conv2D', { filters: 4, activation: 'linear' }, [[x]])])[0]) },
  { name: 'dilated Conv2D + MaxPooling2D', input: [8, 8, 1], build: (x) => head(apply('MaxPooling2D', {}, [apply('Conv2D', { filters: 6, dilationRate: 2, activation: 'tanh' }, [[x]])])[0]) },
  { name: 'strided Conv2D + AveragePooling2D', input: [8, 8, 2], build: (x) => head(apply('AveragePooling2D', {}, [apply('Conv2D', { filters: 8, strides: 2, padding: 'valid', activation: 'relu' }, [[x]])])[0]) },
  {
    name: 'dilated causal Conv1D stack + GlobalAveragePooling1D',
    input: [12, 2],
    build: (x) => {
      const h = apply('Conv1D', { filters: 4, kernelSize: 2, dilationRate: 2, padding: 'causal', activation: 'tanh' }, [[x]]);
      const h2 = apply('Conv1D', { filters: 4, kernelSize: 2, dilationRate: 4, padding: 'causal', activation: 'tanh' }, [h]);
      return head(apply('GlobalAveragePooling1D', {}, [h2])[0]);
    },
  },
  { name: 'strided valid Conv1D', input: [11, 3], build: (x) => head(apply('Conv1D', { filters: 6, strides: 2, padding: 'valid', activation: 'tanh' }, [[x]])[0]) },
];

/** Target: a fixed function of each sample (scaled mean), so there is something beyond a bias to learn. */
function targetFor(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.reshape([x.shape[0], -1]).mean(1, true).mul(5).sub(0.3));
}

/** Train 20 steps; the loss must halve and clearly beat the best constant prediction (the target's variance). */
async function expectTrains(c: TrainCase, steps = 20) {
  const input = tf.input({ shape: c.input, name: uniqueName('in') });
  const model = tf.model({ inputs: input, outputs: c.build(input) });
  const x = pseudoRandom([16, ...c.input], 7);
  const y = targetFor(x);
  const { first, last } = await trainSteps(model, x, y, steps);
  return { first, last, model, x, constantLoss: constantLoss(y) };
}

describe('models with each conv kind train and round-trip (cpu)', () => {
  for (const c of trainCases) {
    it(`${c.name}: loss drops in 20 steps, save/load keeps predictions`, async () => {
      const { first, last, model, x, constantLoss } = await expectTrains(c);
      expect(last).toBeLessThan(first * 0.5);
      expect(last).toBeLessThan(constantLoss * 0.8);
      const loaded = await roundTrip(model);
      expect(predictionGap(model, loaded, x)).toBe(0);
    });
  }
});

describe('conv kinds train on wasm', () => {
  let wasm: { ok: boolean; why?: string } = { ok: false };
  beforeAll(async () => {
    wasm = await useWasm();
    if (!wasm.ok) console.warn(`wasm tests skipped: ${wasm.why}`);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of trainCases) {
    it(`${c.name}: loss drops on wasm`, async (ctx) => {
      if (!wasm.ok) ctx.skip();
      expect(tf.getBackend()).toBe('wasm');
      const { first, last, model, x, constantLoss } = await expectTrains(c);
      expect(last).toBeLessThan(first * 0.5);
      expect(last).toBeLessThan(constantLoss * 0.8);
      const loaded = await roundTrip(model);
      expect(predictionGap(model, loaded, x)).toBeLessThan(1e-6);
    });
  }
});

describe('Conv2D builder uses the unfused subclass', () => {
  it('stock tfjs Conv2D with a tanh activation and dilation 2 cannot train; the built one can', async () => {
    const x = pseudoRandom([4, 8, 8, 1], 51);
    const y = targetFor(x);
    const make = (conv: tf.layers.Layer) => {
      const input = tf.input({ shape: [8, 8, 1], name: uniqueName('in') });
      const h = conv.apply(input) as SymbolicTensor;
      return tf.model({ inputs: input, outputs: head(h) });
    };
    const stock = make(tf.layers.conv2d({ filters: 2, kernelSize: 3, dilationRate: 2, activation: 'tanh', name: uniqueName('stock') }));
    await expect(trainSteps(stock, x, y, 1)).rejects.toThrow(/dilation/);

    const input = tf.input({ shape: [8, 8, 1], name: uniqueName('in') });
    const [h] = apply('Conv2D', { filters: 2, dilationRate: 2, activation: 'tanh' }, [[input]]);
    const ours = tf.model({ inputs: input, outputs: head(h) });
    // Enough small steps that Adam's first overshoots (weights are not seeded) do not decide the outcome.
    const { first, last } = await trainSteps(ours, x, y, 40, 0.005);
    expect(last).toBeLessThan(first);
  });

  it('saves as a standard Conv2D with the same config as tf.layers.conv2d', () => {
    const input = tf.input({ shape: [6, 6, 2], name: uniqueName('in') });
    const params = { filters: 3, kernelSize: 2, strides: 1, padding: 'same', dilationRate: 2, activation: 'sigmoid' };
    const [out] = apply('Conv2D', params, [[input]]);
    const built = out.sourceLayer;
    const stock = tf.layers.conv2d({ ...params, padding: 'same', activation: 'sigmoid', name: built.name });
    stock.apply(input);
    expect(built.getClassName()).toBe('Conv2D');
    expect(built.getConfig()).toEqual(stock.getConfig());
  });
});
