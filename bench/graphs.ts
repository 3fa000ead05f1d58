// Synthetic graphs for the benchmarks: a valid MNIST classifier of exactly `n` nodes mixing a chain with
// branches and merges (Dense, Dropout, LayerNormalization, BatchNormalization, Concatenate, Add, Activation),
// laid out on a grid so the canvas has to draw all of them while panning.
import type { GraphEdge, GraphFile, GraphNode } from '../shared/graph/types';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../shared/graph/types';
import type { ParamValues } from '../shared/layers/types';

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
