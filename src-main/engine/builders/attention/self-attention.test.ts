// Self-attention wired the way users draw it: one tensor with an edge to 'query' and another edge to
// 'value', and the same tensor also read by a residual branch. tfjs disposes a tensor listed twice in a
// layer's inputs too early, so predict used to fail; the builders now pass it once.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphEdge, GraphFile, GraphNode } from '../../../../shared/graph/types';
import type { ParamValues } from '../../../../shared/layers/types';
import { inferGraph } from '../../../../shared/infer';
import { buildModel } from '../../compile';
import '../../custom/register';
import { AttentionLayer } from '../../custom/attention';
import { predictionGap, pseudoRandom, roundTrip, trainSteps } from '../conv/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const node = (id: string, kind: string, params: ParamValues = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in'): GraphEdge => ({
  id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

/** x -> Dense e; e -> attention (query AND value[, key]); concat(attention, e) -> Dense per step -> y. */
function selfAttentionGraph(kind: string, params: ParamValues, keyToo = false): GraphFile {
  return {
    format: 'layerlab-graph',
    version: 1,
    name: `self-${kind}`,
    nodes: [
      node('x', 'Input', { shape: [6, 4] }),
      node('e', 'Dense', { units: 8, activation: 'tanh' }),
      node('att', kind, params),
      node('cat', 'Concatenate', { axis: -1 }),
      node('head', 'Dense', { units: 1, activation: 'linear' }),
      node('y', 'Output'),
    ],
    edges: [
      edge('x', 'e'),
      edge('e', 'att', 'out', 'query'),
      edge('e', 'att', 'out', 'value'),
      ...(keyToo ? [edge('e', 'att', 'out', 'key')] : []),
      edge('att', 'cat'),
      edge('e', 'cat'),
      edge('cat', 'head'),
      edge('head', 'y'),
    ],
    dataset: { id: 'synthetic', representation: 'sequence', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.02, loss: 'meanSquaredError', metrics: [], backend: 'cpu' },
  };
}

describe('self-attention: one tensor wired to query and value', () => {
  it('plain tfjs with the tensor listed twice fails in predict (the bug the builders avoid)', () => {
    const x = tf.input({ shape: [6, 4] });
    const e = tf.layers.dense({ units: 8 }).apply(x) as tf.SymbolicTensor;
    const a = new AttentionLayer({}).apply([e, e]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: x, outputs: tf.layers.concatenate().apply([a, e]) as tf.SymbolicTensor });
    expect(() => model.predict(tf.ones([2, 6, 4]))).toThrow(/backend/);
  });

  const cases: [string, string, ParamValues, boolean][] = [
    ['Attention (query = value)', 'Attention', { score: 'scaled', causal: true }, false],
    ['Attention (query = value = key)', 'Attention', { score: 'additive' }, true],
    ['MultiHeadAttention (query = value)', 'MultiHeadAttention', { heads: 2, keyDim: 4 }, false],
    ['MultiHeadAttention (query = value = key)', 'MultiHeadAttention', { heads: 2, keyDim: 4, causal: true }, true],
  ];
  for (const [label, kind, params, keyToo] of cases) {
    it(`${label}: builds with the inferred params, predicts, trains and round-trips`, async () => {
      const g = selfAttentionGraph(kind, params, keyToo);
      const { model } = buildModel(g, tf);
      expect(model.countParams()).toBe(inferGraph(g).totalParams);
      const attention = model.layers.find((l) => l.name === 'n_att')!;
      expect(attention.inboundNodes[0].inputTensors).toHaveLength(1);
      const x = pseudoRandom([16, 6, 4], 61);
      const y = x.slice([0, 0, 0], [16, 6, 1]).cumsum(1).div(3);
      expect((model.predict(x) as tf.Tensor).shape).toEqual([16, 6, 1]);
      const { first, last } = await trainSteps(model, x, y, 25);
      console.log(`${label}: loss ${first.toFixed(4)} -> ${last.toFixed(4)} in 25 steps`);
      expect(last).toBeLessThan(first * 0.6);
      const loaded = await roundTrip(model);
      expect(predictionGap(model, loaded, x)).toBe(0);
    });
  }

  it('query = key with a different value: the repeat is copied, so predict works', () => {
    const g = selfAttentionGraph('Attention', { score: 'scaled' });
    g.nodes.push(node('v', 'Dense', { units: 8 }));
    g.edges = g.edges.filter((e) => e.targetHandle !== 'value');
    g.edges.push(edge('x', 'v'), edge('v', 'att', 'out', 'value'), edge('e', 'att', 'out', 'key'));
    const { model } = buildModel(g, tf);
    expect(model.countParams()).toBe(inferGraph(g).totalParams);
    const inputs = model.layers.find((l) => l.name === 'n_att')!.inboundNodes[0].inputTensors;
    expect(new Set(inputs).size).toBe(3);
    expect((model.predict(pseudoRandom([3, 6, 4], 62)) as tf.Tensor).shape).toEqual([3, 6, 1]);
  });
});
