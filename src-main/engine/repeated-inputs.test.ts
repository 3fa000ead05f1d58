// Any layer given one tensor twice (Add(x, x) here) while another layer also reads that tensor: buildModel
// copies the repeat, so predict works where the plain tfjs model fails.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphEdge, GraphFile, GraphNode } from '../../shared/graph/types';
import type { ParamValues } from '../../shared/layers/types';
import { inferGraph } from '../../shared/infer';
import { buildModel } from './compile';
import { separateRepeats } from './repeated-inputs';
import { predictionGap, pseudoRandom, roundTrip, trainSteps } from './builders/conv/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const node = (id: string, kind: string, params: ParamValues = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, i = 0): GraphEdge => ({ id: `${source}->${target}#${i}`, source, sourceHandle: 'out', target, targetHandle: 'in' });

describe('one tensor wired twice into a layer', () => {
  it('plain tfjs: Add(e, e) plus another reader of e fails in predict', () => {
    const x = tf.input({ shape: [5] });
    const e = tf.layers.dense({ units: 4 }).apply(x) as tf.SymbolicTensor;
    const s = tf.layers.add().apply([e, e]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: x, outputs: tf.layers.concatenate().apply([s, e]) as tf.SymbolicTensor });
    expect(() => model.predict(tf.ones([2, 5]))).toThrow(/backend/);
  });

  it('buildModel: Add(e, e) next to Concatenate(sum, e) predicts 2e, trains and round-trips', async () => {
    const g: GraphFile = {
      format: 'layerlab-graph',
      version: 1,
      name: 'double',
      nodes: [node('x', 'Input', { shape: [5] }), node('e', 'Dense', { units: 4, activation: 'linear' }), node('sum', 'Add'), node('cat', 'Concatenate', { axis: -1 }), node('head', 'Dense', { units: 1, activation: 'linear' }), node('y', 'Output')],
      edges: [edge('x', 'e'), edge('e', 'sum', 0), edge('e', 'sum', 1), edge('sum', 'cat'), edge('e', 'cat'), edge('cat', 'head'), edge('head', 'y')],
      dataset: { id: 'synthetic', representation: 'vector', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
      training: { epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.02, loss: 'meanSquaredError', metrics: [], backend: 'cpu' },
    };
    const { model } = buildModel(g, tf);
    expect(model.countParams()).toBe(inferGraph(g).totalParams);
    const x = pseudoRandom([16, 5], 71);
    const e = model.getLayer('n_e');
    const sum = tf.model({ inputs: model.inputs, outputs: model.getLayer('n_sum').output as tf.SymbolicTensor });
    const direct = tf.model({ inputs: model.inputs, outputs: e.output as tf.SymbolicTensor });
    const gap = tf.tidy(() => (sum.predict(x) as tf.Tensor).sub((direct.predict(x) as tf.Tensor).mul(2)).abs().max().dataSync()[0]);
    expect(gap).toBeLessThan(1e-6);
    const y = x.sum(1, true);
    const { first, last } = await trainSteps(model, x, y, 80, 0.05);
    console.log(`Add(e, e) model: loss ${first.toFixed(4)} -> ${last.toFixed(4)} in 80 steps`);
    expect(last).toBeLessThan(first * 0.3);
    const loaded = await roundTrip(model);
    expect(predictionGap(model, loaded, x)).toBe(0);
  });

  it('separateRepeats keeps first occurrences and copies later ones', () => {
    const a = tf.input({ shape: [3, 2] });
    const b = tf.input({ shape: [3, 2] });
    const out = separateRepeats([a, b, a, a], tf, 'n_t');
    expect(out[0]).toBe(a);
    expect(out[1]).toBe(b);
    expect(new Set(out).size).toBe(4);
    expect(out[3].shape).toEqual([null, 3, 2]);
  });
});
