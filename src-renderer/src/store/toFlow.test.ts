import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../shared/graph/types';
import * as ops from './graphOps';
import { inferWithDataset } from './inference';
import { toFlowEdges, toFlowNodes } from './toFlow';
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
    const edges1 = toFlowEdges(g1, i1);
    // Same graph again: everything is reused.
    expect(toFlowNodes(g1, inferWithDataset(g1).inference, nodes1)).toEqual(nodes1);
    toFlowNodes(g1, inferWithDataset(g1).inference, nodes1).forEach((n, i) => expect(n).toBe(nodes1[i]));

    // Dense n1 64 -> 65 changes n1 (params, output), Dropout n2 (output shape), Dense n3 (params) and wires e0..e2 labels.
    const g2 = ops.setParam(g1, 'n1', 'units', 65);
    const i2 = inferWithDataset(g2).inference;
    const nodes2 = toFlowNodes(g2, i2, nodes1);
    const edges2 = toFlowEdges(g2, i2, edges1);
    const reused = nodes2.filter((n, i) => n === nodes1[i]).map((n) => n.id);
    expect(reused).toEqual(['n0', 'n4', 'n5']);
    expect(nodes2[1].data.params.units).toBe(65);
    expect(nodes2[2].data.info?.outputs).toEqual([[65]]);
    expect(nodes2[3].data.info?.params).toBe(65 * 32 + 32);
    expect(edges2.filter((e, i) => e === edges1[i]).map((e) => e.id)).toEqual(['e0', 'e3', 'e4']);
    expect(edges2[1].data?.shape).toEqual([65]);
    // The Dropout only got a new shape: the rest of its data is reused (handles, params), so memoised
    // handles skip their render; the edited Dense is rebuilt.
    expect(nodes2[2].data.params).toBe(nodes1[2].data.params);
    expect(nodes2[2].data.outputs).toBe(nodes1[2].data.outputs);
    expect(nodes2[1].data.params).not.toBe(nodes1[1].data.params);
    // The result is what a fresh conversion gives.
    expect(nodes2).toEqual(toFlowNodes(g2, i2));
    expect(edges2).toEqual(toFlowEdges(g2, i2));
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
