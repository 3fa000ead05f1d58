import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { TrainEventBody } from '../../shared/api';
import { fitModel, type FitData } from './fit-loop';
import { TrainControl } from './control';
import { histogramOf, inputGradientPerStep } from './diagnostics';
import { fitDataOf, loadMnist } from './testing/fixtures';

const backend = { name: 'cpu' as const, reason: 'test' };
let data: FitData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const mnist = await loadMnist(160, { validationSplit: 0 });
  // Regression on the one-hot labels: MSE has an obvious direct formula to compare with.
  data = fitDataOf(mnist);
});

type Of<T extends TrainEventBody['type']> = Extract<TrainEventBody, { type: T }>;
const byType = <T extends TrainEventBody['type']>(events: TrainEventBody[], type: T): Of<T>[] => events.filter((e): e is Of<T> => e.type === type);

function smallModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 12, activation: 'relu', inputShape: [784], name: 'hidden' }));
  model.add(tf.layers.dense({ units: 10, name: 'scores' }));
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  return model;
}

/** The first `n` rows of the training split as tensors. */
function firstRows(n: number): { x: tf.Tensor; y: tf.Tensor } {
  const { xs, ys } = data.train;
  return { x: tf.tensor(xs[0].data.subarray(0, n * 784), [n, 784]), y: tf.tensor(ys[0].data.subarray(0, n * 10), [n, 10]) };
}

describe('per-layer gradient and weight norms', () => {
  it('equal a direct tf.variableGrads computation of the same batch, and the weights before the step', async () => {
    const model = smallModel();
    const { x, y } = firstRows(32);
    const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar);
    const expected = new Map<string, { grad: number; weight: number }>();
    for (const layer of model.layers) {
      const g = layer.trainableWeights.reduce((s, w) => s + tf.sum(tf.square(grads[w.name])).dataSync()[0], 0);
      const v = layer.trainableWeights.reduce((s, w) => s + tf.sum(tf.square(w.read())).dataSync()[0], 0);
      expected.set(layer.name, { grad: Math.sqrt(g), weight: Math.sqrt(v) });
    }
    tf.dispose([x, y, ...Object.values(grads)]);

    const events: TrainEventBody[] = [];
    const outcome = await fitModel(tf, model, { train: data.train, validation: null }, { epochs: 1, batchSize: 32, backend, shuffle: false, diagnosticsEvery: 2, batchEventIntervalMs: 0 }, (e) => events.push(e), new TrainControl());
    expect(outcome.status).toBe('completed');
    const norms = byType(events, 'layerNorms');
    expect(norms.map((n) => n.step)).toEqual([0, 2, 4]); // 160 samples: 5 batches of 32, every 2nd recorded
    const first = norms[0].layers;
    expect(first.map((l) => l.node)).toEqual(['hidden', 'scores']);
    for (const l of first) {
      const want = expected.get(l.node)!;
      console.log(`${l.node}: recorded grad ${l.gradNorm.toFixed(6)} weight ${l.weightNorm.toFixed(4)}; direct ${want.grad.toFixed(6)} ${want.weight.toFixed(4)}`);
      expect(l.gradNorm).toBeGreaterThan(0);
      expect(l.gradNorm).toBeCloseTo(want.grad, 5);
      expect(l.weightNorm).toBeCloseTo(want.weight, 4);
    }
    // Training moved the weights: a later step's weight norms differ from the first.
    expect(norms[2].layers[0].weightNorm).not.toBe(first[0].weightNorm);
    model.dispose();
  });

  it('records nothing and leaves the optimizer untouched when switched off', async () => {
    const model = smallModel();
    const apply = model.optimizer.applyGradients;
    const events: TrainEventBody[] = [];
    await fitModel(tf, model, { train: data.train, validation: null }, { epochs: 1, batchSize: 32, backend, diagnosticsEvery: 0 }, (e) => events.push(e), new TrainControl());
    expect(byType(events, 'layerNorms')).toHaveLength(0);
    expect(byType(events, 'layerStats')).toHaveLength(0);
    expect(model.optimizer.applyGradients).toBe(apply);
    model.dispose();
  });
});

describe('per-epoch layer statistics', () => {
  it('histograms hold every weight, and the dead-ReLU fraction matches a direct count on the probe batch', async () => {
    const model = smallModel();
    const events: TrainEventBody[] = [];
    const before = tf.memory().numTensors;
    const outcome = await fitModel(tf, model, { train: data.train, validation: null }, { epochs: 2, batchSize: 32, backend, shuffle: false, diagnosticsEvery: 5 }, (e) => events.push(e), new TrainControl());
    if (outcome.status !== 'failed') outcome.best?.snapshot.dispose(); // the caller's to free
    expect(tf.memory().numTensors).toBe(before); // the probe batch and every intermediate freed
    const stats = byType(events, 'layerStats').map((e) => e.stats);
    expect(stats.map((s) => s.epoch)).toEqual([0, 1]);
    const last = stats[1];
    const hidden = last.weights.find((w) => w.node === 'hidden')!;
    expect(hidden.histogram.counts.reduce((a, b) => a + b, 0)).toBe(784 * 12 + 12);
    expect(last.activations.map((a) => a.node)).toEqual(['hidden', 'scores']);
    expect(last.activations[1].deadFraction).toBeUndefined(); // linear: no ReLU

    // Direct count: hidden units that output 0 for all 64 probe samples (the first 64 training rows).
    const { x, y } = firstRows(64);
    const out = tf.tidy(() => tf.relu(tf.add(tf.matMul(x, model.layers[0].getWeights()[0]), model.layers[0].getWeights()[1])));
    const rows = out.arraySync() as number[][];
    const dead = rows[0].filter((_, unit) => rows.every((r) => r[unit] <= 0)).length;
    expect(last.activations[0].deadFraction).toBeCloseTo(dead / 12, 6);
    tf.dispose([x, y, out]);
    model.dispose();
  });

  it('histogramOf bins every finite value between the minimum and the maximum', () => {
    const h = histogramOf([0, 1, 2, 3, 4, NaN, 4], 4);
    expect(h).toEqual({ lo: 0, hi: 4, counts: [1, 1, 1, 3] });
    expect(histogramOf([], 3)).toEqual({ lo: 0, hi: 0, counts: [0, 0, 0] });
  });

  it('inputGradientPerStep matches finite differences of the loss for one step of a small RNN', () => {
    const model = tf.sequential();
    model.add(tf.layers.simpleRNN({ units: 4, inputShape: [5, 2] }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.randomNormal([1, 5, 2], 0, 1, 'float32', 3);
    const y = tf.tensor([[0.5]]);
    const perStep = inputGradientPerStep(tf, model, x, y);
    expect(perStep).toHaveLength(5);
    // ||dL/dx_t|| by central differences on both features of step 1 (index 0).
    const lossAt = (dx: number[]) => tf.tidy(() => tf.losses.meanSquaredError(y, model.predict(tf.add(x, tf.tensor(dx, [1, 5, 2]))) as tf.Tensor).dataSync()[0]);
    const eps = 1e-3;
    const g = [0, 1].map((f) => {
      const d = new Array(10).fill(0);
      d[f] = eps;
      const plus = lossAt(d);
      d[f] = -eps;
      return (plus - lossAt(d)) / (2 * eps);
    });
    expect(perStep[0]).toBeCloseTo(Math.hypot(...g), 3);
    tf.dispose([x, y]);
    model.dispose();
  });
});
