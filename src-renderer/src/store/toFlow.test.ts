import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../shared/graph/types';
import * as ops from './graphOps';
import { inferWithDataset } from './inference';
import { nodeView, paramSummary, sameList, stableInference, toFlowEdges, toFlowNodes } from './toFlow';
import { getLayerDef, withDefaults } from '../../../shared/layers';
import { newGraph } from './defaults';

/** Input [784] -> Dense(64) -> Dropout -> Dense(32) -> Dense(10) -> Output. */
function chain(): GraphFile {
  const g = newGraph();
  const kinds: [string, Record<string, unknown>][] = [
    ['Input', { feature: 'x', shape: [784] }],
    ['Dense', { units: 64 }],
    ['Dropout', { rate: 0.1 }],
    ['Dense', { units: 32 }],
    ['Dense', { units: 10, activation: 'softmax' }],
    ['Output', { target: 'y' }],
  ];
  const nodes = kinds.map(([kind, params], i) => ({ id: `n${i}`, kind, params: params as never, position: { x: i * 200, y: 0 } }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: 'out', target: n.id, targetHandle: 'in' }));
  return { ...g, nodes, edges };
}

describe('toFlow reuse', () => {
  it('keeps the objects of nodes and wires an edit did not change, and rebuilds the rest', () => {
    const g1 = chain();
    const i1 = inferWithDataset(g1).inference;
    const nodes1 = toFlowNodes(g1, i1);
    const edges1 = toFlowEdges(g1);
    // Same graph again: everything is reused.
    toFlowNodes(g1, inferWithDataset(g1).inference, nodes1).forEach((n, i) => expect(n).toBe(nodes1[i]));

    // Dense n1 64 -> 65: parameters, shapes and counts are not flow data (nodes read them from the store),
    // so React Flow gets the very same node and wire lists and skips its own store update.
    const g2 = ops.setParam(g1, 'n1', 'units', 65);
    const i2 = stableInference(i1, inferWithDataset(g2).inference);
    const nodes2 = toFlowNodes(g2, i2, nodes1);
    const edges2 = toFlowEdges(g2, edges1);
    expect(sameList(nodes1, nodes2)).toBe(nodes1);
    expect(sameList(edges1, edges2)).toBe(edges1);
    expect(nodeView(g2.nodes[1]).params.units).toBe(65);
    expect(nodeView(g2.nodes[1]).summary).toMatch(/^units 65/);
    const g3 = ops.setParam(g2, 'n1', 'activation', 'tanh');
    expect(sameList(nodes2, toFlowNodes(g3, stableInference(i2, inferWithDataset(g3).inference), nodes2))).toBe(nodes2);
    // The store's inference keeps the objects of what did not change, so a node or label reading its own
    // entry re-renders only when it changed.
    expect(i2.nodes.n2.outputs).toEqual([[65]]);
    expect(i2.nodes.n3.params).toBe(65 * 32 + 32);
    expect(i2.edges.e1).toEqual([65]);
    expect(i2.nodes.n0).toBe(i1.nodes.n0);
    expect(i2.nodes.n4).toBe(i1.nodes.n4);
    expect(i2.edges.e3).toBe(i1.edges.e3);
    expect(i2.nodes.n2).not.toBe(i1.nodes.n2);
    // The result is what a fresh conversion gives.
    expect(nodes2).toEqual(toFlowNodes(g2, i2));
    expect(edges2).toEqual(toFlowEdges(g2));
  });

  it('hands React Flow a new node when a parameter changes its handles', () => {
    // An LSTM that starts returning its state gets h and c outputs: React Flow must measure new handles.
    const g1 = { ...chain(), nodes: chain().nodes.map((n) => (n.id === 'n3' ? { ...n, kind: 'LSTM', params: { units: 8 } } : n)) };
    const i1 = inferWithDataset(g1).inference;
    const nodes1 = toFlowNodes(g1, i1);
    expect(nodes1[3].data.outputs.map((h) => h.id)).toEqual(['out']);
    const g2 = ops.setParam(g1, 'n3', 'returnState', true);
    const nodes2 = toFlowNodes(g2, stableInference(i1, inferWithDataset(g2).inference), nodes1);
    expect(nodes2[3]).not.toBe(nodes1[3]);
    expect(nodes2[3].data.outputs.map((h) => h.id)).toEqual(['out', 'h', 'c']);
    expect(nodes2[0]).toBe(nodes1[0]);
  });

  it('marks the nodes whose error state flips', () => {
    const g1 = chain();
    const i1 = inferWithDataset(g1).inference;
    const nodes1 = toFlowNodes(g1, i1);
    // Unplugging the wire into Dense n3 leaves it without an input: an error on that node.
    const g2 = { ...g1, edges: g1.edges.filter((e) => e.id !== 'e2') };
    const i2 = stableInference(i1, inferWithDataset(g2).inference);
    const nodes2 = toFlowNodes(g2, i2, nodes1);
    expect(nodes2.filter((n) => n.data.hasError).map((n) => n.id)).toEqual(Object.keys(i2.nodes).filter((id) => i2.nodes[id].error));
    expect(nodes2.find((n) => n.id === 'n3')!.data.hasError).toBe(true);
    expect(nodes2[0]).toBe(nodes1[0]);
  });

  it('carries selection and measured size, and moves a node that moved', () => {
    const g1 = chain();
    const i1 = inferWithDataset(g1).inference;
    const nodes1 = toFlowNodes(g1, i1).map((n) => (n.id === 'n2' ? { ...n, selected: true, measured: { width: 168, height: 60 } } : n));
    const g2 = ops.moveNodes(g1, new Map([['n2', { x: 5, y: 7 }]]));
    const nodes2 = toFlowNodes(g2, inferWithDataset(g2).inference, nodes1);
    expect(nodes2[2]).not.toBe(nodes1[2]);
    expect(nodes2[2].position).toEqual({ x: 5, y: 7 });
    expect(nodes2[2].selected).toBe(true);
    expect(nodes2[2].measured).toEqual({ width: 168, height: 60 });
    expect(nodes2[0]).toBe(nodes1[0]);
  });
});

describe('paramSummary', () => {
  const summary = (kind: string, params: Record<string, unknown>) => {
    const def = getLayerDef(kind)!;
    return paramSummary(def, withDefaults(def, params as never));
  };

  it('leaves out an automatic 0 (pooling strides = pool size, key dim = d / heads) and names it once set', () => {
    expect(summary('MaxPooling2D', {})).toBe('pool size 2 · valid');
    expect(summary('MaxPooling2D', { strides: 1 })).toBe('pool size 2 · strides 1 · valid');
    expect(summary('TransformerEncoderBlock', { layers: 2 })).not.toMatch(/key dim|feed-forward dim/);
    expect(summary('TransformerEncoderBlock', { layers: 2, keyDim: 16 })).toContain('key dim 16');
  });

  it('still shows a 0 that is not automatic', () => {
    expect(summary('Dropout', { rate: 0 })).toBe('rate 0');
  });
});
