// End to end through the lead's compile.ts: graph files with a WaveNet-style causal stack and a seq2seq
// LSTM pair (state handles wired h -> h0, c -> c0) build, match inferred counts, train and round-trip.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphEdge, GraphFile, GraphNode } from '../../../../shared/graph/types';
import type { ParamValues } from '../../../../shared/layers/types';
import { inferGraph } from '../../../../shared/infer';
import { buildModel } from '../../compile';
import { ensureGradientFixes } from '../../custom/gradients';
import { registerConvCustomLayers } from '../../custom/conv-register';
import { predictionGap, pseudoRandom, roundTrip, trainSteps } from '../conv/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradientFixes(tf);
  registerConvCustomLayers(tf);
});

const node = (id: string, kind: string, params: ParamValues = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in'): GraphEdge => ({
  id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

function graph(name: string, nodes: GraphNode[], edges: GraphEdge[]): GraphFile {
  return {
    format: 'layerlab-graph',
    version: 1,
    name,
    nodes,
    edges,
    dataset: { id: 'synthetic', representation: 'sequence', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.02, loss: 'meanSquaredError', metrics: [], backend: 'cpu' },
  };
}

describe('graphs with conv and recurrent kinds through buildModel', () => {
  it('a dilated causal Conv1D stack (WaveNet-style) builds with the inferred parameter count and trains', async () => {
    const g = graph(
      'wavenet-ish',
      [
        node('x', 'Input', { shape: [16, 2] }),
        node('c1', 'Conv1D', { filters: 4, kernelSize: 2, dilationRate: 1, padding: 'causal', activation: 'tanh' }),
        node('c2', 'Conv1D', { filters: 4, kernelSize: 2, dilationRate: 2, padding: 'causal', activation: 'tanh' }),
        node('c3', 'Conv1D', { filters: 4, kernelSize: 2, dilationRate: 4, padding: 'causal', activation: 'tanh' }),
        node('pool', 'GlobalAveragePooling1D'),
        node('d', 'Dense', { units: 1, activation: 'linear' }),
        node('y', 'Output'),
      ],
      [edge('x', 'c1'), edge('c1', 'c2'), edge('c2', 'c3'), edge('c3', 'pool'), edge('pool', 'd'), edge('d', 'y')],
    );
    const { model } = buildModel(g, tf);
    expect(model.countParams()).toBe(inferGraph(g).totalParams);
    const x = pseudoRandom([16, 16, 2], 31);
    const y = x.mean([1, 2]).expandDims(1).mul(3).add(x.square().mean([1, 2]).expandDims(1));
    const { first, last } = await trainSteps(model, x, y, 20);
    expect(last).toBeLessThan(first * 0.5);
    const loaded = await roundTrip(model);
    expect(predictionGap(model, loaded, x)).toBe(0);
  });

  it('an encoder LSTM feeding its h and c into a decoder LSTM builds, trains and round-trips', async () => {
    const g = graph(
      'seq2seq',
      [
        node('enc_in', 'Input', { feature: 'x', shape: [5, 3] }),
        node('dec_in', 'Input', { feature: 'x2', shape: [4, 2] }),
        node('enc', 'LSTM', { units: 8, returnState: true }),
        node('dec', 'LSTM', { units: 8, returnSequences: true, useInitialState: true }),
        node('head', 'TimeDistributed', { units: 1, activation: 'linear' }),
        node('y', 'Output'),
      ],
      [edge('enc_in', 'enc'), edge('dec_in', 'dec'), edge('enc', 'dec', 'h', 'h0'), edge('enc', 'dec', 'c', 'c0'), edge('dec', 'head'), edge('head', 'y')],
    );
    const { model, inputs } = buildModel(g, tf);
    expect(inputs.map((i) => i.nodeId)).toEqual(['enc_in', 'dec_in']);
    expect(model.countParams()).toBe(inferGraph(g).totalParams);
    const enc = pseudoRandom([16, 5, 3], 41);
    const dec = pseudoRandom([16, 4, 2], 42);
    const y = enc.mean([1, 2]).reshape([16, 1, 1]).mul(3).tile([1, 4, 1]).add(dec.slice([0, 0, 0], [16, 4, 1]));
    const { first, last } = await trainSteps(model, [enc, dec], y, 20);
    expect(last).toBeLessThan(first * 0.5);
    const loaded = await roundTrip(model);
    expect(predictionGap(model, loaded, [enc, dec])).toBe(0);
  });
});
