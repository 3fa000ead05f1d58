import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LoadedDataset, TensorData } from '../data/types';
import { AttentionLayer } from '../engine/custom/attention';
import { MultiHeadAttentionLayer } from '../engine/custom/multi-head-attention';
import { fitModel, type FitSplit } from './fit-loop';
import { TrainControl } from './control';
import { evaluateModel } from './evaluate';
import { fitDataOf, loadMnist, mlp } from './testing/fixtures';

const backend = { name: 'cpu' as const, reason: 'test' };
let mnist: LoadedDataset;
let model: tf.LayersModel; // trained briefly on 480 digits
let test: FitSplit; // the 2,000 bundled test digits

const splitOf = (s: NonNullable<LoadedDataset['test']>): FitSplit => ({ size: s.size, xs: [s.features.x], ys: [s.targets.y] });
const float = (data: number[], shape: number[]): TensorData => ({ data: Float32Array.from(data), shape, dtype: 'float32' });

beforeAll(async () => {
  await tf.setBackend('cpu');
  mnist = await loadMnist(600);
  model = mlp(tf, [32]);
  await fitModel(tf, model, fitDataOf(mnist), { epochs: 2, batchSize: 32, backend, batchEventIntervalMs: 1e9 }, () => {}, new TrainControl());
  test = splitOf(mnist.test!);
});

describe('evaluateModel on MNIST digits', () => {
  it('confusion matrix sums to the test count; accuracy equals model.evaluate; per-class numbers agree', () => {
    const r = evaluateModel(tf, model, test, {
      split: 'test',
      loss: 'categoricalCrossentropy',
      batchSize: 256,
      task: 'classification',
      classNames: mnist.classNames,
      image: { height: 28, width: 28, channels: 1 },
    });
    expect(r.samples).toBe(2000);
    const c = r.classification!;
    const total = c.confusion.flat().reduce((a, v) => a + v, 0);
    expect(total).toBe(2000);

    // The whole split through model.evaluate in one go.
    const x = tf.tensor(test.xs[0].data, test.xs[0].shape);
    const y = tf.tensor(test.ys[0].data, test.ys[0].shape);
    const [loss, acc] = (model.evaluate(x, y) as tf.Scalar[]).map((s) => s.dataSync()[0]);
    const trace = c.confusion.reduce((a, row, i) => a + row[i], 0);
    console.log(`evaluation: ${r.samples} test digits, loss ${r.loss.toFixed(4)} (model.evaluate ${loss.toFixed(4)}), accuracy ${r.accuracy!.toFixed(4)} (model.evaluate ${acc.toFixed(4)}, confusion trace ${trace / 2000}), ${r.durationMs.toFixed(0)} ms`);
    expect(r.accuracy).toBeCloseTo(acc, 5);
    expect(trace / total).toBeCloseTo(acc, 5);
    expect(r.loss).toBeCloseTo(loss, 4);
    expect(r.accuracy).toBeGreaterThan(0.6);

    // Support = how many test digits of each class; per-class accuracy = diagonal / support.
    const counts = new Array(10).fill(0);
    mnist.test!.classes!.forEach((k) => counts[k]++);
    expect(c.support).toEqual(counts);
    c.perClassAccuracy.forEach((a, i) => expect(a).toBeCloseTo(c.confusion[i][i] / counts[i], 10));
    expect(c.classNames).toEqual(mnist.classNames);

    // Gallery: 32 items, every misclassified one before any correct one, each checked against predict().
    const g = r.gallery!;
    expect(g).toHaveLength(32);
    const firstRight = g.findIndex((item) => item.correct);
    expect(firstRight === -1 || g.slice(firstRight).every((item) => item.correct)).toBe(true);
    expect(g[0].correct).toBe(false);
    const probs = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    for (const item of g) {
      const p = probs[item.index];
      const argmax = p.indexOf(Math.max(...p));
      expect(item.trueClass).toBe(mnist.test!.classes![item.index]);
      expect(item.predictedClass).toBe(argmax);
      expect(item.confidence).toBeCloseTo(p[argmax], 5);
      expect(item.correct).toBe(item.trueClass === item.predictedClass);
      expect(item.pixels).toHaveLength(784);
      expect(Math.max(...item.pixels!)).toBe(255);
      expect(item.pixels!.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    }
    expect(r.image).toEqual({ height: 28, width: 28, channels: 1 });
    tf.dispose([x, y]);
  });

  it('stops at the time limit and says how much it evaluated', () => {
    const r = evaluateModel(tf, model, test, { split: 'test', loss: 'categoricalCrossentropy', batchSize: 500, timeLimitMs: 0 });
    expect(r.samples).toBe(500);
    expect(r.classification!.confusion.flat().reduce((a, v) => a + v, 0)).toBe(500);
    expect(r.notes.join(' ')).toMatch(/first 500 of 2000 samples/);
  });

  it('creates no lasting tensors', () => {
    const before = tf.memory().numTensors;
    evaluateModel(tf, model, test, { split: 'test', loss: 'categoricalCrossentropy', batchSize: 256 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('evaluateModel on generated data', () => {
  it('sparse labels and per-position classes: one confusion entry per token', () => {
    // Input [T=4, C=3] one-hot tokens; Dense(3, softmax) per position; targets are class ids [N, 4, 1] (tfjs's sparse shape).
    const n = 50;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n * 4; i++) {
      const k = (i * 7) % 3;
      xs.push(...[0, 1, 2].map((j) => (j === k ? 1 : 0)));
      ys.push(k);
    }
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4, 3] })] });
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const split: FitSplit = { size: n, xs: [float(xs, [n, 4, 3])], ys: [float(ys, [n, 4, 1])] };
    const r = evaluateModel(tf, m, split, { split: 'validation', loss: 'sparseCategoricalCrossentropy', batchSize: 16, task: 'sequence' });
    const c = r.classification!;
    expect(c.confusion).toHaveLength(3);
    expect(c.confusion.flat().reduce((a, v) => a + v, 0)).toBe(n * 4);
    expect(c.support).toEqual([0, 1, 2].map((k) => ys.filter((v) => v === k).length));
    expect(r.gallery![0].trueTokens).toHaveLength(4);
    expect(r.gallery![0].predictedTokens).toHaveLength(4);
    m.dispose();
  });

  it('binary cross-entropy with one sigmoid output gives a 2x2 confusion matrix', () => {
    const n = 40;
    const x = Array.from({ length: n }, (_, i) => i / n - 0.5);
    const y = x.map((v) => (v > 0 ? 1 : 0));
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [1], kernelInitializer: 'ones' })] });
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const r = evaluateModel(tf, m, { size: n, xs: [float(x, [n, 1])], ys: [float(y, [n, 1])] }, { split: 'test', loss: 'binaryCrossentropy', batchSize: 8 });
    const c = r.classification!;
    expect(c.confusion.length).toBe(2);
    expect(c.confusion.flat().reduce((a, v) => a + v, 0)).toBe(n);
    // w = 1, b = 0: p > 0.5 exactly when x > 0. x = 0 gives p = 0.5, class 0 as tfjs's binaryAccuracy counts it.
    // 21 samples have x <= 0 (label 0), 19 have x > 0.
    expect(c.confusion).toEqual([[21, 0], [0, 19]]);
    expect(r.accuracy).toBe(1);
    expect(r.metrics.acc).toBe(1);
    m.dispose();
  });

  it('regression: predicted-vs-actual pairs (at most 200) and MAE / RMSE / R^2 over all outputs', () => {
    const n = 300;
    const x = Array.from({ length: n }, (_, i) => i / n);
    const y = x.flatMap((v) => [2 * v + 1, -v]);
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [1] })] });
    m.setWeights([tf.tensor2d([[2, -1]]), tf.tensor1d([1.1, 0])]); // exact but for +0.1 on the first output
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const r = evaluateModel(tf, m, { size: n, xs: [float(x, [n, 1])], ys: [float(y, [n, 2])] }, { split: 'test', loss: 'meanSquaredError', batchSize: 64, task: 'regression' });
    const reg = r.regression!;
    expect(reg.pairs).toHaveLength(200);
    expect(reg.pairs[10]).toMatchObject({ index: 10 });
    expect(reg.pairs[10].actual).toBeCloseTo(2 * x[10] + 1, 5);
    expect(reg.pairs[10].predicted).toBeCloseTo(2 * x[10] + 1.1, 5);
    expect(reg.outputsPerSample).toBe(2);
    expect(reg.mae).toBeCloseTo(0.05, 5); // half the values are off by 0.1
    expect(reg.rmse).toBeCloseTo(Math.sqrt(0.005), 5);
    expect(r.loss).toBeCloseTo(0.005, 5);
    expect(reg.r2).toBeGreaterThan(0.99);
    expect(r.classification).toBeUndefined();
    m.dispose();
  });
});

describe('evaluateModel: a per-step forecaster and a teacher-forced decoder', () => {
  it('forecastOutput: the pairs and the forecast error come from that output alone', () => {
    const n = 100;
    const x = Array.from({ length: n }, (_, i) => i / n);
    const y = x.flatMap((v) => [2 * v + 1, -v]);
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [1] })] });
    m.setWeights([tf.tensor2d([[2, -1]]), tf.tensor1d([1.1, 0.3])]); // first output off by 0.1, the second (the forecast) by 0.3
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const r = evaluateModel(tf, m, { size: n, xs: [float(x, [n, 1])], ys: [float(y, [n, 2])] }, {
      split: 'test', loss: 'meanSquaredError', batchSize: 32, task: 'regression', forecastOutput: { index: 1, what: 'the last step' },
    });
    const reg = r.regression!;
    expect(reg.forecast).toMatchObject({ what: 'the last step' });
    expect(reg.forecast!.mse).toBeCloseTo(0.09, 5);
    expect(reg.forecast!.mae).toBeCloseTo(0.3, 5);
    expect(reg.mae).toBeCloseTo(0.2, 5); // the average over both outputs
    expect(reg.pairs[5].actual).toBeCloseTo(-x[5], 5);
    expect(reg.pairs[5].predicted).toBeCloseTo(-x[5] + 0.3, 5);
    m.dispose();
  });

  it('freeRunning: teacher-forced and greedy accuracy side by side; a decoder that copies its input is perfect only when fed the truth', () => {
    // Output at step t = the decoder input at step t (identity): teacher-forced it predicts start, y0, y1 (every
    // step but the first is the previous target); free-running it repeats the start token forever.
    const V = 4;
    const STEPS = 3;
    const enc = tf.input({ shape: [2, V] });
    const dec = tf.input({ shape: [STEPS, V] });
    const copy = tf.layers.dense({ units: V, useBias: false, name: 'copy' }).apply(dec) as tf.SymbolicTensor;
    const encZero = tf.layers.repeatVector({ n: STEPS }).apply(
      tf.layers.dense({ units: V, name: 'enc_zero' }).apply(tf.layers.flatten().apply(enc) as tf.SymbolicTensor) as tf.SymbolicTensor,
    ) as tf.SymbolicTensor;
    const out = tf.layers.activation({ activation: 'softmax' }).apply(tf.layers.add().apply([copy, encZero])) as tf.SymbolicTensor;
    const m = tf.model({ inputs: [enc, dec], outputs: out });
    m.getLayer('copy').setWeights([tf.eye(V).mul(10)]);
    m.getLayer('enc_zero').setWeights([tf.zeros([2 * V, V]), tf.zeros([V])]);
    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    // Targets: token 1 (the start) then 2, 2 for half the samples, 1, 1, 1 for the other half.
    const n = 8;
    const oneHot = (ids: number[]) => ids.flatMap((k) => Array.from({ length: V }, (_, j) => (j === k ? 1 : 0)));
    const targets = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? [1, 2, 2] : [1, 1, 1]));
    const decIn = targets.map((t) => [1, ...t.slice(0, STEPS - 1)]);
    const split: FitSplit = {
      size: n,
      xs: [float(new Array(n * 2 * V).fill(0), [n, 2, V]), float(decIn.flatMap(oneHot), [n, STEPS, V])],
      ys: [float(targets.flatMap(oneHot), [n, STEPS, V])],
    };
    const r = evaluateModel(tf, m, split, {
      split: 'validation', loss: 'categoricalCrossentropy', batchSize: 3, task: 'sequence',
      freeRunning: { binding: { decoderInput: 1, startToken: 1, steps: STEPS, vocab: V, encoding: 'onehot' }, beamWidth: 2, beamSamples: 5 },
    });
    const d = r.decoding!;
    // Teacher-forced: [1, 2, 2] is predicted as [1, 1, 2] (2 of 3); [1, 1, 1] exactly.
    expect(d.teacherForced).toEqual({ tokenAccuracy: (4 * 2 + 4 * 3) / 24, sequenceAccuracy: 0.5, samples: 8 });
    expect(d.teacherForced.tokenAccuracy).toBeCloseTo(r.accuracy!, 6);
    // Free-running: always [1, 1, 1]; right for the second half, 1 of 3 for the first.
    expect(d.greedy).toEqual({ tokenAccuracy: (4 * 1 + 4 * 3) / 24, sequenceAccuracy: 0.5, samples: 8 });
    expect(d.beam).toMatchObject({ width: 2, samples: 5, sequenceAccuracy: 2 / 5 });
    expect(d.examples[0]).toEqual({ index: 0, target: [1, 2, 2], teacherForced: [1, 1, 2], greedy: [1, 1, 1] });
    m.dispose();
  });
});

describe('evaluateModel attention maps', () => {
  it('extracts Attention and MultiHeadAttention weights that match a direct computation', () => {
    const T = 5;
    const d = 4;
    const input = tf.input({ shape: [T, d] });
    const att = new AttentionLayer({ name: 'n_att', score: 'dot' });
    const a = att.apply([input, input]) as tf.SymbolicTensor;
    const mha = new MultiHeadAttentionLayer({ name: 'n_mha', heads: 2, keyDim: 3, causal: true });
    const b = mha.apply([a, a]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(b)) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: out });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const n = 6;
    const x = Array.from({ length: n * T * d }, (_, i) => Math.sin(i * 0.37));
    const split: FitSplit = { size: n, xs: [float(x, [n, T, d])], ys: [float(new Array(n).fill(0), [n, 1])] };
    const r = evaluateModel(tf, m, split, { split: 'test', loss: 'meanSquaredError', batchSize: 4, nodeIdOf: (name) => name.replace(/^n_/, '') });
    expect(r.attention).toHaveLength(2);
    const [am, mm] = r.attention!;
    expect(am).toMatchObject({ nodeId: 'att', layer: 'n_att', kind: 'Attention' });
    expect(am.samples.map((s) => s.index)).toEqual([0, 1, 2]);
    // Dot-product self-attention on the raw input: softmax(x x^T) per sample.
    const x0 = tf.tensor(x.slice(0, T * d), [T, d]);
    const want = tf.softmax(tf.matMul(x0, x0, false, true)).arraySync() as number[][];
    am.samples[0].heads[0].forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));
    expect(am.samples[0].heads).toHaveLength(1);

    expect(mm).toMatchObject({ nodeId: 'mha', kind: 'MultiHeadAttention' });
    const heads = mm.samples[1].heads;
    expect(heads).toHaveLength(2);
    for (const h of heads) {
      expect(h).toHaveLength(T);
      h.forEach((row, i) => {
        expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
        row.forEach((v, j) => j > i && expect(v).toBe(0)); // causal: no weight on later keys
      });
    }
    tf.dispose(x0);
    m.dispose();
  });
});
