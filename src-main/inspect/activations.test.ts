// Activations for one input against a direct tfjs computation: every layer applied eagerly, one after the
// other, to the same input; LSTM gates that reproduce the layer's h; attention weights from the layer's weights.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import { chainGraph } from '../../shared/templates/build';
import { layerNameFor } from '../../shared/graph/node-names';
import { buildModel } from '../engine/compile';
import '../engine/custom/register';
import { computeActivations } from './activations';
import { activationStats } from './summarise';
import { lstmTrace } from './lstm-gates';
import type { NodeActivation } from '../../shared/inspect';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomInput(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform([1, ...shape], -1, 1, 'float32', seed);
}

/** Applies each chain node's layer eagerly to the previous result (no side model): the reference. */
function eagerChain(model: tf.LayersModel, graph: GraphFile, x: tf.Tensor): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  let h = x;
  for (const n of graph.nodes) {
    if (n.kind === 'Output') continue;
    if (n.kind !== 'Input') h = model.getLayer(layerNameFor(n.id)).apply(h) as tf.Tensor;
    out.set(n.id, h.dataSync() as Float32Array);
  }
  return out;
}

function byNode(list: NodeActivation[], id: string): NodeActivation {
  const found = list.find((a) => a.nodeId === id);
  if (!found) throw new Error(`no activation for ${id}`);
  return found;
}

describe('computeActivations', () => {
  it('a small CNN: every node equals the eager layer-by-layer computation (shape, statistics, drawn values)', () => {
    const graph = chainGraph({
      name: 'cnn',
      description: '',
      steps: [
        { id: 'img', kind: 'Input', params: { shape: [8, 8, 1] } },
        { id: 'conv', kind: 'Conv2D', params: { filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' } },
        { id: 'pool', kind: 'MaxPooling2D', params: { poolSize: 2 } },
        { id: 'flat', kind: 'Flatten' },
        { id: 'hidden', kind: 'Dense', params: { units: 6, activation: 'relu' } },
        { id: 'probs', kind: 'Dense', params: { units: 3, activation: 'softmax' } },
        { id: 'y', kind: 'Output' },
      ],
    });
    const { model } = buildModel(graph, tf);
    const x = randomInput([8, 8, 1], 3);
    const notes: string[] = [];
    const acts = computeActivations(tf, model, graph, [x], notes);
    const ref = eagerChain(model, graph, x);
    expect(acts.map((a) => a.nodeId)).toEqual(['img', 'conv', 'pool', 'flat', 'hidden', 'probs']);
    expect(byNode(acts, 'conv').shape).toEqual([8, 8, 4]);
    expect(byNode(acts, 'pool').shape).toEqual([4, 4, 4]);
    expect(byNode(acts, 'hidden').shape).toEqual([6]);
    for (const a of acts) {
      const want = activationStats(ref.get(a.nodeId)!);
      expect(a.stats.mean).toBeCloseTo(want.mean, 5);
      expect(a.stats.std).toBeCloseTo(want.std, 5);
      expect(a.stats.min).toBeCloseTo(want.min, 5);
      expect(a.stats.max).toBeCloseTo(want.max, 5);
      expect(a.stats.zeros).toBe(want.zeros);
    }
    // The ReLU conv really has dead units on random input, so the zero fraction is measured, not 0 by default.
    expect(byNode(acts, 'conv').stats.zeros).toBeGreaterThan(0);
    const conv = byNode(acts, 'conv').view;
    if (conv.type !== 'maps') throw new Error(`conv view is ${conv.type}`);
    expect(conv.maps).toHaveLength(4);
    const convRef = ref.get('conv')!;
    // Map c, pixel (y, x) is element (y * 8 + x) * 4 + c of the [8, 8, 4] output.
    for (const [c, y, xx] of [[0, 0, 0], [2, 3, 5], [3, 7, 7]]) expect(conv.maps[c][y * 8 + xx]).toBeCloseTo(convRef[(y * 8 + xx) * 4 + c], 3);
    const probs = byNode(acts, 'probs').view;
    if (probs.type !== 'bars') throw new Error(`probs view is ${probs.type}`);
    probs.values.forEach((v, i) => expect(v).toBeCloseTo(ref.get('probs')![i], 3));
    expect(notes).toEqual([]);
  });

  it('an LSTM: the gates i, f, o and the cell c reproduce the layer own h at every step', () => {
    const graph = chainGraph({
      name: 'lstm',
      description: '',
      steps: [
        { id: 'seq', kind: 'Input', params: { shape: [7, 3] } },
        { id: 'lstm', kind: 'LSTM', params: { units: 5, returnSequences: true } },
        { id: 'last', kind: 'LSTM', params: { units: 4 } },
        { id: 'y', kind: 'Output' },
      ],
    });
    const { model } = buildModel(graph, tf);
    const x = randomInput([7, 3], 5);
    const acts = computeActivations(tf, model, graph, [x], []);
    const ref = eagerChain(model, graph, x);
    const view = byNode(acts, 'lstm').view;
    if (view.type !== 'lstm') throw new Error(`lstm view is ${view.type}`);
    expect(view.gates.i).toHaveLength(7);
    expect(view.gates.i[0]).toHaveLength(5);
    const h = ref.get('lstm')!;
    for (let t = 0; t < 7; t++) {
      for (let u = 0; u < 5; u++) {
        const { i, f, o, c } = view.gates;
        expect(view.h[t][u]).toBeCloseTo(h[t * 5 + u], 3);
        // h = o * tanh(c), and c = f * c_prev + i * c~ with |c~| <= 1
        expect(o[t][u] * Math.tanh(c[t][u])).toBeCloseTo(h[t * 5 + u], 3);
        for (const g of [i, f, o]) expect(g[t][u]).toBeGreaterThanOrEqual(0);
        const prev = t > 0 ? c[t - 1][u] : 0;
        expect(Math.abs(c[t][u] - f[t][u] * prev)).toBeLessThanOrEqual(i[t][u] + 1e-3);
      }
    }
    // The last-step LSTM (returnSequences false): its gates are also shown, over every step.
    const last = byNode(acts, 'last').view;
    expect(last.type).toBe('lstm');
  });

  it('lstmTrace alone matches tf.layers.lstm with sigmoid gates on a batch of different sequences', () => {
    const layer = tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true });
    const x = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 9);
    const h = layer.apply(x) as tf.Tensor;
    const [kernel, recurrentKernel, bias] = layer.getWeights().map((w) => w.dataSync() as Float32Array);
    const xs = x.dataSync();
    const hs = h.dataSync();
    for (let n = 0; n < 2; n++) {
      const trace = lstmTrace(xs.subarray(n * 24, (n + 1) * 24), 6, { kernel, recurrentKernel, bias, inputDim: 4, units: 3, activation: 'tanh', recurrentActivation: 'sigmoid' });
      trace.h.forEach((v, j) => expect(v).toBeCloseTo(hs[n * 18 + j], 5));
    }
  });

  it('multi-head self-attention: every head is softmax(Q K^T / sqrt(d)) from the layer weights, rows sum to 1', () => {
    const graph: GraphFile = {
      ...chainGraph({ name: 'mha', description: '', steps: [{ id: 'x', kind: 'Input', params: { shape: [5, 8] } }] }),
    };
    graph.nodes.push(
      { id: 'att', kind: 'MultiHeadAttention', params: { heads: 2, keyDim: 4 }, position: { x: 0, y: 0 } },
      { id: 'y', kind: 'Output', params: {}, position: { x: 0, y: 0 } },
    );
    graph.edges.push(
      { id: 'q', source: 'x', sourceHandle: 'out', target: 'att', targetHandle: 'query' },
      { id: 'v', source: 'x', sourceHandle: 'out', target: 'att', targetHandle: 'value' },
      { id: 'o', source: 'att', sourceHandle: 'out', target: 'y', targetHandle: 'in' },
    );
    const { model } = buildModel(graph, tf);
    const x = randomInput([5, 8], 11);
    const acts = computeActivations(tf, model, graph, [x], [], { tokens: ['a', 'b', 'c', 'd', 'e'] });
    const view = byNode(acts, 'att').view;
    if (view.type !== 'attention') throw new Error(`att view is ${view.type}`);
    expect(view.blocks).toHaveLength(1);
    expect(view.blocks[0].heads).toHaveLength(2);
    expect(view.queryTokens).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Direct: Q = x Wq + bq, K = x Wk + bk, per head 4 columns.
    const w = Object.fromEntries(model.getLayer(layerNameFor('att')).weights.map((v) => [v.originalName.split('/').slice(-2).join('/'), v.read()]));
    const x2 = x.reshape([5, 8]);
    const q = tf.add(tf.matMul(x2, w['query/kernel']), w['query/bias']);
    const k = tf.add(tf.matMul(x2, w['key/kernel']), w['key/bias']);
    for (let head = 0; head < 2; head++) {
      const qh = q.slice([0, head * 4], [5, 4]);
      const kh = k.slice([0, head * 4], [5, 4]);
      const direct = tf.softmax(tf.div(tf.matMul(qh, kh, false, true), 2)).arraySync() as number[][];
      view.blocks[0].heads[head].forEach((row, i) => {
        row.forEach((v, j) => expect(v).toBeCloseTo(direct[i][j], 3));
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      });
    }
  });

  it('a 2-block transformer encoder: both blocks, every head; block 1 from the input itself', () => {
    const graph = chainGraph({
      name: 'enc',
      description: '',
      steps: [
        { id: 'x', kind: 'Input', params: { shape: [6, 8] } },
        { id: 'enc', kind: 'TransformerEncoderBlock', params: { layers: 2, heads: 2, keyDim: 0, ffDim: 16, dropout: 0 } },
        { id: 'y', kind: 'Output' },
      ],
    });
    const { model } = buildModel(graph, tf);
    const x = randomInput([6, 8], 13);
    const acts = computeActivations(tf, model, graph, [x], []);
    const view = byNode(acts, 'enc').view;
    if (view.type !== 'attention') throw new Error(`enc view is ${view.type}`);
    expect(view.blocks.map((b) => b.name)).toEqual(['block 1 self-attention', 'block 2 self-attention']);
    for (const b of view.blocks) {
      expect(b.heads).toHaveLength(2);
      for (const head of b.heads) for (const row of head) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 3);
    }
    const w = Object.fromEntries(model.getLayer(layerNameFor('enc')).weights.map((v) => [v.originalName.replace(/^.*?block/, 'block'), v.read()]));
    const x2 = x.reshape([6, 8]);
    const q = tf.add(tf.matMul(x2, w['block0/self_attention/query/kernel']), w['block0/self_attention/query/bias']);
    const k = tf.add(tf.matMul(x2, w['block0/self_attention/key/kernel']), w['block0/self_attention/key/bias']);
    const direct = tf.softmax(tf.div(tf.matMul(q.slice([0, 4], [6, 4]), k.slice([0, 4], [6, 4]), false, true), 2)).arraySync() as number[][];
    view.blocks[0].heads[1].forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(direct[i][j], 3)));
    // Block 2 sees block 1's output, so its weights differ from block 1's.
    expect(view.blocks[1].heads[0]).not.toEqual(view.blocks[0].heads[0]);
  });
});
