import { describe, expect, it } from 'vitest';
import { resolveWiring } from './wiring';
import type { GraphEdge, GraphNode } from './types';

const node = (id: string, kind: string, params: GraphNode['params'] = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (id: string, source: string, sourceHandle: string, target: string, targetHandle: string): GraphEdge => ({
  id, source, sourceHandle, target, targetHandle,
});

// Encoder LSTM hands its final h and c to a decoder LSTM's initial-state inputs (seq2seq), and an Add
// takes two wires on its one 'in' handle.
const nodes = [
  node('x', 'Input', { shape: [5, 3] }),
  node('enc', 'LSTM', { units: 4, returnState: true }),
  node('dec', 'LSTM', { units: 4, useInitialState: true, returnSequences: true }),
  node('a', 'Dense', { units: 4 }),
  node('b', 'Dense', { units: 4 }),
  node('sum', 'Add'),
];
const edges = [
  edge('e1', 'x', 'out', 'enc', 'in'),
  edge('e2', 'enc', 'c', 'dec', 'c0'),
  edge('e3', 'enc', 'h', 'dec', 'h0'),
  edge('e4', 'x', 'out', 'dec', 'in'),
  edge('e5', 'dec', 'out', 'b', 'in'),
  edge('e6', 'dec', 'out', 'a', 'in'),
  edge('e7', 'b', 'out', 'sum', 'in'),
  edge('e8', 'a', 'out', 'sum', 'in'),
];

describe('resolveWiring', () => {
  const wiring = resolveWiring({ nodes, edges });
  const pairs = (id: string) => wiring.get(id)!.slots.map((s) => s.map((w) => `${w.sourceId}:${w.outputIndex}`));

  it('maps each edge to the input slot it enters and the source output it leaves', () => {
    expect(wiring.get('enc')!.outputs.map((h) => h.id)).toEqual(['out', 'h', 'c']);
    expect(wiring.get('dec')!.inputs.map((h) => h.id)).toEqual(['in', 'h0', 'c0']);
    // Slot order follows the handles, not the edge order: h comes from output 1, c from output 2.
    expect(pairs('dec')).toEqual([['x:0'], ['enc:1'], ['enc:2']]);
    expect(wiring.get('dec')!.incoming.map((w) => `${w.edgeId}->${w.slot}`)).toEqual(['e2->2', 'e3->1', 'e4->0']);
  });

  it('keeps several wires on one handle in edge order', () => {
    expect(pairs('sum')).toEqual([['b:0', 'a:0']]);
  });

  it('gives every node an entry with params completed by the defaults', () => {
    expect([...wiring.keys()]).toEqual(nodes.map((n) => n.id));
    expect(pairs('x')).toEqual([]);
    expect(wiring.get('a')!.params.activation).toBeDefined();
    expect(wiring.get('a')!.params.units).toBe(4);
  });

  it('marks wires on handles that do not exist with -1 instead of dropping them', () => {
    const bad = resolveWiring({
      nodes: [...nodes, node('mystery', 'NoSuchKind')],
      edges: [edge('w1', 'enc', 'nope', 'a', 'in'), edge('w2', 'x', 'out', 'a', 'side'), edge('w3', 'mystery', 'out', 'b', 'in'), edge('w4', 'ghost', 'out', 'b', 'in')],
    });
    expect(bad.get('a')!.incoming.map((w) => [w.edgeId, w.slot, w.outputIndex])).toEqual([['w1', 0, -1], ['w2', -1, 0]]);
    expect(bad.get('a')!.slots).toEqual([[bad.get('a')!.incoming[0]]]);
    expect(bad.get('b')!.incoming.map((w) => [w.edgeId, w.slot, w.outputIndex])).toEqual([['w3', 0, -1], ['w4', 0, -1]]);
    expect(bad.get('mystery')).toMatchObject({ def: undefined, inputs: [], outputs: [], slots: [] });
  });
});
