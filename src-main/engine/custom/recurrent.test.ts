// The recurrent drop-ins: an encoder-decoder with attention (decoder started from the encoder's h, c and
// its output used twice) trains and round-trips; the fast orthogonal initializer is orthogonal and quick.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphEdge, GraphFile, GraphNode } from '../../../shared/graph/types';
import type { ParamValues } from '../../../shared/layers/types';
import { inferGraph } from '../../../shared/infer';
import { buildModel } from '../compile';
import { AttentionLayer } from './attention';
import { fastOrthogonalClass, householderQ, registerRecurrentCustomClasses } from './recurrent';
import { predictionGap, pseudoRandom, roundTrip, trainSteps } from '../builders/conv/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerRecurrentCustomClasses(tf);
});

const node = (id: string, kind: string, params: ParamValues = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in'): GraphEdge => ({
  id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

function seq2seqAttention(kind: 'LSTM' | 'GRU'): GraphFile {
  const stateEdges = kind === 'LSTM' ? [edge('enc', 'dec', 'h', 'h0'), edge('enc', 'dec', 'c', 'c0')] : [edge('enc', 'dec', 'h', 'h0')];
  return {
    format: 'layerlab-graph',
    version: 1,
    name: 'seq2seq-attention',
    nodes: [
      node('enc_in', 'Input', { feature: 'x', shape: [6, 3] }),
      node('dec_in', 'Input', { feature: 'x2', shape: [4, 2] }),
      node('enc', kind, { units: 8, returnSequences: true, returnState: true }),
      node('dec', kind, { units: 8, returnSequences: true, useInitialState: true }),
      node('att', 'Attention', { score: 'scaled' }),
      node('cat', 'Concatenate', { axis: -1 }),
      node('head', 'TimeDistributed', { units: 1, activation: 'linear' }),
      node('y', 'Output'),
    ],
    edges: [
      edge('enc_in', 'enc'),
      edge('dec_in', 'dec'),
      ...stateEdges,
      edge('dec', 'att', 'out', 'query'),
      edge('enc', 'att', 'out', 'value'),
      edge('att', 'cat'),
      edge('dec', 'cat'),
      edge('cat', 'head'),
      edge('head', 'y'),
    ],
    dataset: { id: 'synthetic', representation: 'sequence', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.02, loss: 'meanSquaredError', metrics: [], backend: 'cpu' },
  };
}

describe('RNN layers started from another RNN state', () => {
  it('stock tfjs layers fail to train the branched encoder-decoder with attention (the bug being fixed)', async () => {
    const x = tf.input({ shape: [6, 3] });
    const d = tf.input({ shape: [4, 2] });
    const [eo, h, c] = tf.layers.lstm({ units: 4, returnSequences: true, returnState: true }).apply(x) as tf.SymbolicTensor[];
    const dec = tf.layers.lstm({ units: 4, returnSequences: true }).apply(d, { initialState: [h, c] }) as tf.SymbolicTensor;
    const att = new AttentionLayer({}).apply([dec, eo]) as tf.SymbolicTensor;
    const merged = tf.layers.concatenate().apply([att, dec]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [x, d], outputs: merged });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(model.trainOnBatch([tf.ones([2, 6, 3]), tf.ones([2, 4, 2])], tf.ones([2, 4, 8]))).rejects.toThrow(
      /neither initialState or constants should be provided/,
    );
  });

  for (const kind of ['LSTM', 'GRU'] as const) {
    it(`${kind}: the same graph built by buildModel trains (loss drops), matches inferred params and round-trips`, async () => {
      const g = seq2seqAttention(kind);
      const { model } = buildModel(g, tf);
      expect(model.countParams()).toBe(inferGraph(g).totalParams);
      const enc = pseudoRandom([16, 6, 3], 51);
      const dec = pseudoRandom([16, 4, 2], 52);
      const y = enc.mean([1, 2]).reshape([16, 1, 1]).mul(3).tile([1, 4, 1]).add(dec.slice([0, 0, 0], [16, 4, 1]));
      const { first, last } = await trainSteps(model, [enc, dec], y, 25);
      console.log(`${kind} seq2seq+attention: loss ${first.toFixed(4)} -> ${last.toFixed(4)} in 25 steps`);
      expect(last).toBeLessThan(first * 0.5);
      const loaded = await roundTrip(model);
      expect(loaded.layers.find((l) => l.name === 'n_dec')?.getClassName()).toBe(kind);
      expect(predictionGap(model, loaded, [enc, dec])).toBe(0);
      // The loaded model uses the fixed class too: it keeps training.
      const again = await trainSteps(loaded, [enc, dec], y, 2);
      expect(Number.isFinite(again.last)).toBe(true);
    });
  }
});

/** Largest |(M M^T or M^T M) - I| entry for a rows x cols matrix, over its smaller side. */
function orthogonalityError(m: Float32Array | Float64Array, rows: number, cols: number): number {
  const n = Math.min(rows, cols);
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      if (rows >= cols) for (let i = 0; i < rows; i++) dot += m[i * cols + a] * m[i * cols + b];
      else for (let j = 0; j < cols; j++) dot += m[a * cols + j] * m[b * cols + j];
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe('fast orthogonal initializer', () => {
  it('householderQ gives orthonormal columns with Q R = A and a positive R diagonal', () => {
    const m = 7;
    const n = 4;
    const a = Float64Array.from({ length: m * n }, (_, i) => Math.sin(i * 1.7 + 0.3) * 3);
    const q = householderQ(a, m, n);
    expect(orthogonalityError(q, m, n)).toBeLessThan(1e-12);
    // R = Q^T A must be upper triangular with a positive diagonal.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let r = 0;
        for (let k = 0; k < m; k++) r += q[k * n + i] * a[k * n + j];
        if (i > j) expect(Math.abs(r)).toBeLessThan(1e-12);
        if (i === j) expect(r).toBeGreaterThan(0);
      }
    }
  });

  it('an LSTM(128) gets its orthogonal recurrent kernel (rows orthonormal) from the fast initializer', () => {
    const started = Date.now();
    const layer = tf.layers.lstm({ units: 128 });
    layer.apply(tf.input({ shape: [28, 28] }));
    const seconds = (Date.now() - started) / 1000;
    console.log(`LSTM(128) built on cpu in ${seconds.toFixed(2)} s (stock tfjs orthogonal init: ~50 s)`);
    // The fast path is proven by which initializer ran, not by a time bound a loaded machine could break.
    const cell = (layer as unknown as { cell: { recurrentInitializer: unknown } }).cell;
    expect(cell.recurrentInitializer).toBeInstanceOf(fastOrthogonalClass(tf));
    const recurrent = layer.getWeights()[1];
    expect(recurrent.shape).toEqual([128, 512]);
    expect(orthogonalityError(recurrent.dataSync() as Float32Array, 128, 512)).toBeLessThan(1e-5);
  });

  it('tall shapes get orthonormal columns, gain scales them, and the config round-trips', () => {
    const init = tf.initializers.orthogonal({ gain: 2, seed: 3 });
    expect(init.getClassName()).toBe('Orthogonal');
    const w = init.apply([40, 10]);
    const scaled = (w.dataSync() as Float32Array).map((v) => v / 2);
    expect(orthogonalityError(scaled, 40, 10)).toBeLessThan(1e-5);
    expect(init.getConfig()).toMatchObject({ gain: 2, seed: 3 });
  });
});
