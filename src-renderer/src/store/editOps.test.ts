import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../shared/graph/types';
import { emptyGraph } from '../../../shared/graph/defaults';
import { inferGraph } from '../../../shared/infer';
import { alignNodes, copyNodes, parseClip, pasteNodes } from './editOps';
import { withUpstreamFixes } from './upstreamFixes';
import { applyFix } from './graphOps';

function chain(): GraphFile {
  const g = emptyGraph('t');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [784] }, position: { x: 0, y: 0 } },
    { id: 'dense_1', kind: 'Dense', params: { units: 32 }, position: { x: 240, y: 10 } },
    { id: 'dense_2', kind: 'Dense', params: { units: 10 }, position: { x: 480, y: 30 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 720, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
    { id: 'b', source: 'dense_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'in' },
    { id: 'c', source: 'dense_2', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  return g;
}

describe('clipboard', () => {
  it('copies the chosen nodes with only the wires between them, and pastes with fresh ids', () => {
    const g = chain();
    const clip = copyNodes(g, ['dense_1', 'dense_2']);
    expect(clip.nodes.map((n) => n.id)).toEqual(['dense_1', 'dense_2']);
    expect(clip.edges.map((e) => e.id)).toEqual(['b']);
    const text = JSON.stringify(clip);
    const { graph, ids } = pasteNodes(g, parseClip(text)!, { x: 40, y: 40 });
    expect(ids).toEqual(['dense_3', 'dense_4']);
    expect(graph.nodes).toHaveLength(6);
    expect(graph.edges).toHaveLength(4);
    const pastedEdge = graph.edges[3];
    expect([pastedEdge.source, pastedEdge.target]).toEqual(['dense_3', 'dense_4']);
    expect(graph.nodes[4].position).toEqual({ x: 280, y: 50 });
    expect(graph.nodes[4].params).toEqual({ units: 32 });
    // The copy's params are independent of the original.
    expect(graph.nodes[4].params).not.toBe(g.nodes[1].params);
    // The pasted pair has no input wired: the first reports it, the second waits upstream.
    expect(inferGraph(graph).nodes.dense_3.error?.message).toMatch(/Connect something/);
  });
  it('pastes a whole chain that infers the same as the original', () => {
    const g = chain();
    const { graph, ids } = pasteNodes(g, copyNodes(g, ['input_1', 'dense_1', 'dense_2']), { x: 0, y: 200 });
    expect(ids).toEqual(['input_2', 'dense_3', 'dense_4']);
    const inf = inferGraph(graph);
    expect(inf.nodes.dense_3.params).toBe(784 * 32 + 32);
    expect(inf.nodes.dense_4.params).toBe(32 * 10 + 10);
  });
  it('ignores foreign clipboard text and names what is wrong in a broken payload', () => {
    expect(parseClip('hello')).toBeNull();
    expect(parseClip('{"a":1}')).toBeNull();
    expect(() => parseClip('{"format":"layerlab-clip","nodes":[{"id":"x","kind":"Nope","params":{},"position":{"x":0,"y":0}}],"edges":[]}')).toThrow(/unknown layer kind 'Nope'/);
    expect(() => parseClip('{"format":"layerlab-clip","nodes":[{"id":"x"}],"edges":[]}')).toThrow(/node 1 is missing/);
  });
});

describe('align', () => {
  it('aligns the selection on the leftmost x or topmost y only', () => {
    const g = alignNodes(chain(), ['dense_1', 'dense_2'], 'top');
    expect(g.nodes.map((n) => n.position.y)).toEqual([0, 10, 10, 0]);
    const l = alignNodes(chain(), ['dense_1', 'dense_2'], 'left');
    expect(l.nodes.map((n) => n.position.x)).toEqual([0, 240, 240, 720]);
    expect(alignNodes(chain(), ['dense_1'], 'left').nodes).toEqual(chain().nodes);
  });
});

describe('upstream fixes', () => {
  it('offers to turn on returnSequences in the LSTM feeding another LSTM, and the fix clears the error', () => {
    const g = emptyGraph('seq');
    g.nodes = [
      { id: 'input_1', kind: 'Input', params: { shape: [20, 8] }, position: { x: 0, y: 0 } },
      { id: 'lstm_1', kind: 'LSTM', params: { units: 16 }, position: { x: 200, y: 0 } },
      { id: 'lstm_2', kind: 'LSTM', params: { units: 4 }, position: { x: 400, y: 0 } },
    ];
    g.edges = [
      { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'lstm_1', targetHandle: 'in' },
      { id: 'b', source: 'lstm_1', sourceHandle: 'out', target: 'lstm_2', targetHandle: 'in' },
    ];
    const inf = withUpstreamFixes(g, inferGraph(g), undefined);
    const fix = inf.nodes.lstm_2.error!.fixes[0];
    expect(fix.action).toEqual({ type: 'setParam', nodeId: 'lstm_1', param: 'returnSequences', value: true });
    expect(inf.errors.find((e) => e.nodeId === 'lstm_2')!.fixes[0]).toEqual(fix);
    const fixed = inferGraph(applyFix(g, 'lstm_2', fix.action));
    expect(fixed.nodes.lstm_2.error).toBeUndefined();
    expect(fixed.nodes.lstm_2.params).toBe(4 * 4 * (16 + 4 + 1));
  });

  it('offers to size the Dense layer that feeds an Output to the dataset target (a palette model ending in Dense 64 on MNIST)', () => {
    const g = chain();
    g.nodes[2] = { ...g.nodes[2], params: { units: 64 } };
    const mnist = { features: { x: [784] }, targets: { y: [10] }, numClasses: 10 };
    const inf = withUpstreamFixes(g, inferGraph(g, mnist), mnist);
    const fix = inf.nodes.output_1.error!.fixes[0];
    expect(fix.label).toBe('Set dense_2 to 10 units');
    expect(fix.action).toEqual({ type: 'setParam', nodeId: 'dense_2', param: 'units', value: 10 });
    const fixed = inferGraph(applyFix(g, 'output_1', fix.action), mnist);
    expect(fixed.errors).toEqual([]);
    // Nothing to offer when the Dense already has the target's size, or when no dataset is known.
    expect(withUpstreamFixes(chain(), inferGraph(chain(), mnist), mnist).errors).toEqual([]);
    expect(withUpstreamFixes(g, inferGraph(g), undefined).nodes.output_1.error?.fixes ?? []).toEqual([]);
  });
});
