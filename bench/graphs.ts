// Synthetic graphs for the benchmarks: a valid MNIST classifier of exactly `n` nodes mixing a chain with
// branches and merges (Dense, Dropout, LayerNormalization, BatchNormalization, Concatenate, Add, Activation),
// laid out on a grid so the canvas has to draw all of them while panning.
import type { GraphEdge, GraphFile, GraphNode } from '../shared/graph/types';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../shared/graph/types';
import type { ParamValues } from '../shared/layers/types';
import { getTemplate } from '../shared/templates';

const WIDTH = 64;
/** Input, stem Dense, head Dense, Output. */
const FIXED = 4;
const BLOCK = 6;
const COLUMNS = 20;
const SPACING = { x: 240, y: 140 };

export function syntheticGraph(n: number): GraphFile {
  if (!Number.isInteger(n) || n < FIXED) throw new Error(`syntheticGraph: n must be a whole number >= ${FIXED}, got ${n}`);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (kind: string, params: ParamValues = {}): string => {
    const i = nodes.length;
    const id = `n${i}`;
    nodes.push({ id, kind, params, position: { x: (i % COLUMNS) * SPACING.x, y: Math.floor(i / COLUMNS) * SPACING.y } });
    return id;
  };
  const wire = (source: string, target: string): void => {
    edges.push({ id: `e${edges.length}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  };
  const layer = (kind: string, params: ParamValues, ...from: string[]): string => {
    const id = add(kind, params);
    for (const f of from) wire(f, id);
    return id;
  };

  const input = add('Input', { feature: 'x', shape: [784] });
  let prev = layer('Dense', { units: WIDTH, activation: 'relu' }, input);
  const body = n - FIXED;
  const blocks = Math.floor(body / BLOCK);
  for (let b = 0; b < blocks; b++) {
    // Six nodes per block, alternating a residual Dense pair and a two-branch concatenation; both keep [64].
    let merged: string;
    if (b % 2 === 0) {
      const d1 = layer('Dense', { units: WIDTH, activation: 'relu' }, prev);
      const d2 = layer('Dense', { units: WIDTH, activation: 'linear' }, d1);
      const drop = layer('Dropout', { rate: 0.1 }, d2);
      const norm = layer('LayerNormalization', {}, prev);
      merged = layer('Add', {}, drop, norm);
    } else {
      const left = layer('Dense', { units: WIDTH / 2, activation: 'relu' }, prev);
      const right = layer('Dense', { units: WIDTH / 2, activation: 'tanh' }, prev);
      const cat = layer('Concatenate', {}, left, right);
      const bn = layer('BatchNormalization', {}, cat);
      merged = layer('Add', {}, bn, prev);
    }
    prev = layer('Activation', { activation: 'relu' }, merged);
  }
  for (let i = 0; i < body - blocks * BLOCK; i++) prev = layer('Dense', { units: WIDTH, activation: 'relu' }, prev);
  const head = layer('Dense', { units: 10, activation: 'softmax' }, prev);
  layer('Output', { target: 'y' }, head);

  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: `Benchmark graph (${n} nodes)`,
    nodes,
    edges,
    dataset: { id: 'mnist-bundled', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 32, optimizer: 'adam', learningRate: 0.001, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'auto' },
  };
}

/**
 * GPT-3 175B with its 96 decoder blocks expanded into layers (pre-norm: LayerNorm, causal multi-head
 * attention, residual Add, LayerNorm, Dense 4d gelu, Dense d, residual Add), 678 nodes: the largest graph a
 * template can turn into, for the layout-time row. Nodes have no positions (all at the origin), so the app
 * lays the graph out when it opens it.
 */
export function gpt3ExpandedGraph(): GraphFile {
  const [d, heads, ff, context, vocab, layers] = [12288, 96, 49152, 2048, 50257, 96];
  const base = syntheticGraph(4);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (id: string, kind: string, params: ParamValues): string => {
    nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
    return id;
  };
  const wire = (source: string, target: string, targetHandle = 'in'): void => {
    edges.push({ id: `e${edges.length}`, source, sourceHandle: 'out', target, targetHandle });
  };
  let x = add('tokens', 'Input', { feature: 'x', shape: [context] });
  const emb = add('token_embedding', 'Embedding', { inputDim: vocab, outputDim: d });
  wire(x, emb);
  x = add('positions', 'PositionalEncoding', { mode: 'learned', maxLength: context });
  wire(emb, x);
  for (let b = 0; b < layers; b++) {
    const ln1 = add(`b${b}_ln1`, 'LayerNormalization', { epsilon: 1e-5 });
    const att = add(`b${b}_attention`, 'MultiHeadAttention', { heads, keyDim: d / heads, causal: true });
    const res1 = add(`b${b}_add1`, 'Add', {});
    const ln2 = add(`b${b}_ln2`, 'LayerNormalization', { epsilon: 1e-5 });
    const up = add(`b${b}_ff_up`, 'Dense', { units: ff, activation: 'gelu' });
    const down = add(`b${b}_ff_down`, 'Dense', { units: d, activation: 'linear' });
    const res2 = add(`b${b}_add2`, 'Add', {});
    wire(x, ln1);
    wire(ln1, att, 'query');
    wire(ln1, att, 'value');
    wire(att, res1);
    wire(x, res1);
    wire(res1, ln2);
    wire(ln2, up);
    wire(up, down);
    wire(down, res2);
    wire(res1, res2);
    x = res2;
  }
  const norm = add('final_norm', 'LayerNormalization', { epsilon: 1e-5 });
  wire(x, norm);
  const head = add('lm_head', 'Dense', { units: vocab, activation: 'softmax', useBias: false });
  wire(norm, head);
  wire(head, add('next_token', 'Output', { target: 'y' }));
  const template = getTemplate('gpt-3')!.graph;
  return { ...base, name: 'GPT-3 175B, blocks expanded', nodes, edges, dataset: structuredClone(template.dataset), training: structuredClone(template.training), extras: structuredClone(template.extras) };
}
