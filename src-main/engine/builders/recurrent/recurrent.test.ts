// Recurrent kinds and Embedding: inferred shapes and parameter counts equal what tfjs builds (every output
// handle), encoder states feed a decoder, models with each kind train and survive save/load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ParamValues, Shape } from '../../../../shared/layers/types';
import { ensureGradientFixes } from '../../custom/gradients';
import type { SymbolicTensor } from '../../types';
import {
  apply,
  buildBoth,
  constantLoss,
  predictionGap,
  pseudoRandom,
  roundTrip,
  trainSteps,
  uniqueName,
  useWasm,
} from '../conv/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradientFixes(tf);
});

interface Case {
  kind: string;
  params: ParamValues;
  inputs: Shape[][];
}

const seq: Shape[][] = [[[7, 3]]];
const cases: Case[] = [
  { kind: 'SimpleRNN', params: {}, inputs: [[[6, 5]]] },
  { kind: 'SimpleRNN', params: { units: 5, returnSequences: true, activation: 'relu' }, inputs: seq },
  { kind: 'SimpleRNN', params: { units: 5, returnState: true }, inputs: seq },
  { kind: 'SimpleRNN', params: { units: 4, useInitialState: true }, inputs: [[[7, 3]], [[4]]] },
  { kind: 'LSTM', params: {}, inputs: [[[6, 5]]] },
  { kind: 'LSTM', params: { units: 6, returnSequences: true, returnState: true }, inputs: seq },
  { kind: 'LSTM', params: { units: 6, returnState: true }, inputs: [[[null, 3]]] },
  { kind: 'LSTM', params: { units: 4, useInitialState: true, returnSequences: true }, inputs: [[[7, 3]], [[4]], [[4]]] },
  { kind: 'GRU', params: {}, inputs: [[[6, 5]]] },
  { kind: 'GRU', params: { units: 6, returnSequences: true }, inputs: seq },
  { kind: 'GRU', params: { units: 5, returnState: true, returnSequences: true }, inputs: [[[null, 2]]] },
  { kind: 'GRU', params: { units: 3, useInitialState: true, returnState: true }, inputs: [[[7, 3]], [[3]]] },
  { kind: 'Embedding', params: { inputDim: 50, outputDim: 8 }, inputs: [[[10]]] },
  { kind: 'Embedding', params: { inputDim: 20, outputDim: 3, maskZero: true }, inputs: [[[6]]] },
  { kind: 'Embedding', params: {}, inputs: [[[3, 4]]] },
  { kind: 'RepeatVector', params: { n: 3 }, inputs: [[[5]]] },
  { kind: 'RepeatVector', params: {}, inputs: [[[1]]] },
  { kind: 'TimeDistributed', params: { units: 3 }, inputs: [[[7, 4]]] },
  { kind: 'TimeDistributed', params: { units: 2, activation: 'relu' }, inputs: [[[6, 2, 3]]] },
  { kind: 'TimeDistributed', params: { units: 5 }, inputs: [[[null, 4]]] },
  { kind: 'SelectStep', params: {}, inputs: [[[7, 3]]] },
  { kind: 'SelectStep', params: { step: 0 }, inputs: [[[5, 2, 3]]] },
  { kind: 'SelectStep', params: { step: -3 }, inputs: [[[null, 4]]] },
];
for (const cell of ['LSTM', 'GRU', 'SimpleRNN']) {
  for (const mergeMode of ['concat', 'sum', 'ave', 'mul']) {
    cases.push({ kind: 'Bidirectional', params: { cell, units: 4, mergeMode }, inputs: seq });
  }
  cases.push({ kind: 'Bidirectional', params: { cell, units: 3, returnSequences: true }, inputs: seq });
  cases.push({ kind: 'Bidirectional', params: { cell, units: 2, mergeMode: 'sum', returnSequences: true }, inputs: [[[null, 5]]] });
}

describe('recurrent kinds match tfjs', () => {
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`, () => {
      const { inferred, built, model } = buildBoth(c.kind, c.params, c.inputs);
      expect(inferred.outputs).toEqual(built);
      expect(inferred.params).toBe(model.countParams());
    });
  }

  it('GRU in tfjs 4.22 has one bias per gate (reset_after = false): 3 * u * (f + u + 1)', () => {
    const { model } = buildBoth('GRU', { units: 10 }, [[[5, 7]]]);
    expect(model.countParams()).toBe(3 * 10 * (7 + 10 + 1));
  });
});

/** Learnable target from a float sequence: a fixed nonlinear summary per sample. */
function summary(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const flat = x.reshape([x.shape[0], -1]);
    return flat.mean(1, true).mul(3).add(flat.square().mean(1, true)).sub(0.3);
  });
}

/** Integer ids in [low, vocab) with a fixed score per id; target = mean score over the sequence. */
function tokenTask(samples: number, steps: number, vocab: number, low: number, seed: number) {
  const ids = tf.randomUniform([samples, steps], low, vocab, 'int32', seed).toFloat();
  const score = tf.randomUniform([vocab], -1, 1, 'float32', seed + 1);
  const y = tf.gather(score, ids.toInt()).mean(1).expandDims(1);
  return { x: ids, y };
}

const dense1 = (t: SymbolicTensor) => tf.layers.dense({ units: 1, name: uniqueName('head') }).apply(t) as SymbolicTensor;

interface TrainCase {
  name: string;
  data: () => { x: tf.Tensor; y: tf.Tensor };
  input: number[];
  build: (x: SymbolicTensor) => SymbolicTensor;
}

const floatSeq = () => {
  const x = pseudoRandom([16, 5, 3], 11);
  return { x, y: summary(x) };
};

const trainCases: TrainCase[] = [
  { name: 'SimpleRNN', data: floatSeq, input: [5, 3], build: (x) => dense1(apply('SimpleRNN', { units: 8 }, [[x]])[0]) },
  { name: 'LSTM', data: floatSeq, input: [5, 3], build: (x) => dense1(apply('LSTM', { units: 8 }, [[x]])[0]) },
  { name: 'GRU', data: floatSeq, input: [5, 3], build: (x) => dense1(apply('GRU', { units: 8 }, [[x]])[0]) },
  { name: 'Bidirectional(GRU, sum)', data: floatSeq, input: [5, 3], build: (x) => dense1(apply('Bidirectional', { cell: 'GRU', units: 6, mergeMode: 'sum' }, [[x]])[0]) },
  {
    name: 'RepeatVector + SimpleRNN + TimeDistributed (one-to-many)',
    data: () => {
      const x = pseudoRandom([16, 3], 12);
      const s = summary(x);
      return { x, y: tf.concat([s, s.mul(0.5), s.neg(), s.add(0.2)], 1).expandDims(2) };
    },
    input: [3],
    build: (x) => {
      const r = apply('RepeatVector', { n: 4 }, [[x]]);
      const h = apply('SimpleRNN', { units: 8, returnSequences: true }, [r]);
      return apply('TimeDistributed', { units: 1, activation: 'linear' }, [h])[0];
    },
  },
  {
    name: 'Embedding + GlobalAveragePooling1D',
    data: () => tokenTask(32, 6, 10, 0, 13),
    input: [6],
    build: (x) => dense1(apply('GlobalAveragePooling1D', {}, [apply('Embedding', { inputDim: 10, outputDim: 4 }, [[x]])])[0]),
  },
  {
    name: 'Embedding(maskZero) + LSTM',
    data: () => {
      const { x, y } = tokenTask(32, 6, 10, 1, 14);
      // Zero-pad the last two steps of every other sample: masked steps must not break training.
      const keep = tf.tensor2d([1, 1, 1, 1, 0, 0], [1, 6]);
      const padded = tf.where(tf.range(0, 32).mod(2).equal(0).expandDims(1).tile([1, 6]), x.mul(keep), x);
      return { x: padded, y };
    },
    input: [6],
    build: (x) => dense1(apply('LSTM', { units: 8 }, [apply('Embedding', { inputDim: 10, outputDim: 4, maskZero: true }, [[x]])])[0]),
  },
];

async function trainCase(c: TrainCase) {
  const input = tf.input({ shape: c.input, name: uniqueName('in') });
  const model = tf.model({ inputs: input, outputs: c.build(input) });
  const { x, y } = c.data();
  const losses = await trainSteps(model, x, y, 20);
  return { ...losses, model, x, constant: constantLoss(y) };
}

describe('models with each recurrent kind train and round-trip (cpu)', () => {
  for (const c of trainCases) {
    it(`${c.name}: loss drops in 20 steps, save/load keeps predictions`, async () => {
      const { first, last, model, x, constant } = await trainCase(c);
      expect(last).toBeLessThan(first * 0.5);
      expect(last).toBeLessThan(constant * 0.8);
      const loaded = await roundTrip(model);
      expect(predictionGap(model, loaded, x)).toBe(0);
    });
  }
});

describe('SelectStep', () => {
  it('returns exactly the chosen step (0, -1, -3), and its gradient reaches only that step', () => {
    const x = pseudoRandom([2, 5, 3], 31);
    const input = tf.input({ shape: [5, 3], name: uniqueName('in') });
    for (const [step, index] of [[0, 0], [-1, 4], [-3, 2]]) {
      const model = tf.model({ inputs: input, outputs: apply('SelectStep', { step }, [[input]])[0] });
      const got = model.predict(x) as tf.Tensor;
      expect(got.shape).toEqual([2, 3]);
      expect(Array.from(got.dataSync())).toEqual(Array.from(x.slice([0, index, 0], [2, 1, 3]).dataSync()));
      const grad = tf.grad((v: tf.Tensor) => (model.apply(v) as tf.Tensor).sum())(x);
      const perStep = Array.from(grad.sum([0, 2]).dataSync());
      expect(perStep).toEqual(perStep.map((_, t) => (t === index ? 6 : 0)));
      tf.dispose([got, grad]);
    }
  });
});

describe('encoder-decoder: encoder LSTM states start the decoder LSTM', () => {
  function seq2seq() {
    const encIn = tf.input({ shape: [5, 3], name: uniqueName('enc_in') });
    const decIn = tf.input({ shape: [4, 2], name: uniqueName('dec_in') });
    const [, h, c] = apply('LSTM', { units: 8, returnState: true }, [[encIn]]);
    const [seqOut] = apply('LSTM', { units: 8, returnSequences: true, useInitialState: true }, [[decIn], [h], [c]]);
    const [y] = apply('TimeDistributed', { units: 1, activation: 'linear' }, [[seqOut]]);
    return tf.model({ inputs: [encIn, decIn], outputs: y });
  }

  it('builds, the decoder depends on the encoder, a few fit steps lower the loss, and it round-trips', async () => {
    const model = seq2seq();
    const enc = pseudoRandom([16, 5, 3], 21);
    const dec = pseudoRandom([16, 4, 2], 22);
    // Target per decoder step: something only the encoder knows plus the decoder input.
    const y = summary(enc).expandDims(2).tile([1, 4, 1]).add(dec.slice([0, 0, 0], [16, 4, 1]));

    const other = pseudoRandom([16, 5, 3], 23);
    const gap = tf.tidy(() => (model.predict([enc, dec]) as tf.Tensor).sub(model.predict([other, dec]) as tf.Tensor).abs().max().dataSync()[0]);
    expect(gap).toBeGreaterThan(1e-4); // the encoder's h and c really reach the decoder

    const { first, last } = await trainSteps(model, [enc, dec], y, 20);
    expect(last).toBeLessThan(first * 0.5);
    const loaded = await roundTrip(model);
    expect(predictionGap(model, loaded, [enc, dec])).toBe(0);
  });
});

describe('Embedding and LSTM train on wasm', () => {
  let wasm: { ok: boolean; why?: string } = { ok: false };
  beforeAll(async () => {
    wasm = await useWasm();
    if (!wasm.ok) console.warn(`wasm tests skipped: ${wasm.why}`);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of trainCases.filter((t) => t.name.startsWith('Embedding') || t.name === 'LSTM')) {
    it(`${c.name}: loss drops on wasm and save/load keeps predictions`, async (ctx) => {
      if (!wasm.ok) ctx.skip();
      expect(tf.getBackend()).toBe('wasm');
      const { first, last, model, x, constant } = await trainCase(c);
      expect(last).toBeLessThan(first * 0.5);
      expect(last).toBeLessThan(constant * 0.8);
      const loaded = await roundTrip(model);
      expect(predictionGap(model, loaded, x)).toBeLessThan(1e-6);
    });
  }
});
