import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../../../shared/graph/defaults';
import { recordBlock, repeatBlock, repeatedBlocks, setBlockCollapsed } from '../../../shared/graph/repeat';
import { setRepeatCount } from '../../../shared/graph/block-count';
import { inferGraph } from '../../../shared/infer';
import { removeElements } from '../store/graphOps';
import { toFlowEdges, toFlowNodes } from '../store/toFlow';
import { getTemplate } from '../../../shared/templates';
import { blockNodeId, collapseView, memberPositions } from './collapse';

function repeated() {
  const g = emptyGraph('w');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [32, 4] }, position: { x: 0, y: 0 } },
    { id: 'conv_1', kind: 'Conv1D', params: { filters: 4, kernelSize: 2, padding: 'causal' }, position: { x: 240, y: 0 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 480, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'conv_1', targetHandle: 'in' },
    { id: 'b', source: 'conv_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  const r = repeatBlock(g, { nodeIds: ['conv_1'], times: 3 });
  return recordBlock(r.graph, r.repeats, 'Conv1D ×3');
}

describe('collapseView', () => {
  it('draws a collapsed block as one node, with the wires into and out of the block moved onto it', () => {
    const g = repeated();
    const inf = inferGraph(g);
    const nodes = toFlowNodes(g, inf);
    const edges = toFlowEdges(g);
    const open = collapseView(g, nodes, edges);
    expect(open.nodes).toBe(nodes);
    expect(open.chips.get('conv_1')).toEqual({ blockId: 'block_1', count: 3, collapsed: false });
    // Collapse state lives in the block's extras entry (saved with the file).
    const shut = collapseView(setBlockCollapsed(g, 'block_1', true), nodes, edges);
    expect(shut.nodes.filter((n) => n.hidden).map((n) => n.id)).toEqual(['conv_1', 'conv1d_1', 'conv1d_2']);
    const block = shut.nodes.find((n) => n.id === blockNodeId('block_1'))!;
    expect(block).toMatchObject({ type: 'block', position: { x: 240, y: 0 }, data: { label: 'Conv1D', count: 3, layers: 1, exit: 'conv_1', members: ['conv_1', 'conv1d_1', 'conv1d_2'] } });
    const extra = shut.edges.filter((e) => e.id.startsWith('collapsed-'));
    expect(extra.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['input_1', 'out', blockNodeId('block_1'), 'in'],
      [blockNodeId('block_1'), 'out', 'output_1', 'in'],
    ]);
    // The wire out shows the shape of the wire it stands in for (the last copy's exit to the output).
    expect(inf.edges[extra[1].data!.shapeOf!]).toEqual([32, 4]);
  });
  it('gives a block with a side output (WaveNet: every layer also feeds the skip sum) one wire per output', () => {
    const t = getTemplate('wavenet-forecast')!.graph;
    const g = repeatedBlocks(t).reduce((x, b) => setBlockCollapsed(x, b.id, true), t);
    const inf = inferGraph(g);
    const view = collapseView(g, toFlowNodes(g, inf), toFlowEdges(g));
    const residual = view.nodes.find((n) => n.type === 'block' && n.data.count === 3)!;
    expect(residual.data.outputs.map((h) => h.id)).toEqual(['out', 'side-3']);
    const shown = view.edges.filter((e) => e.id.startsWith('collapsed-'));
    const wires = shown.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}.${e.targetHandle}`);
    // Three skip outputs reach the skip sum: one wire stands for them. The stream goes on to the last layer.
    expect(wires.filter((w) => w.startsWith(`${residual.id}.side-3`))).toEqual([`${residual.id}.side-3 -> skip_sum.in`]);
    expect(wires).toContain(`${residual.id}.out -> ${blockNodeId('block_2')}.in`);
    expect(wires).toContain(`${blockNodeId('block_2')}.out -> skip_sum.in`);
    // Nothing drawn ends at a hidden node, and what is drawn is the template's visible skeleton: 9 nodes.
    const visible = new Set(view.nodes.filter((n) => !n.hidden).map((n) => n.id));
    expect(visible.size).toBe(9);
    expect(shown.every((e) => visible.has(e.source) && visible.has(e.target))).toBe(true);
  });
  it('moving a block node moves every layer of the block by as much', () => {
    const g = repeated();
    const moved = memberPositions(g, new Map([[blockNodeId('block_1'), { x: 300, y: 50 }]]));
    expect(Object.fromEntries(moved)).toEqual({ conv_1: { x: 300, y: 50 }, conv1d_1: { x: 540, y: 50 }, conv1d_2: { x: 780, y: 50 } });
  });
  it('forgets a block whose copies were deleted', () => {
    const g = removeElements(repeated(), ['conv1d_2']);
    expect(repeatedBlocks(g)).toEqual([]);
    const inf = inferGraph(g);
    expect(collapseView(g, toFlowNodes(g, inf), toFlowEdges(g)).chips.size).toBe(0);
  });
  it('keeps the chip of a block lowered to one repeat on its exit, and can still show it as one node', () => {
    const one = setRepeatCount(repeated(), 'block_1', 1);
    const inf = inferGraph(one);
    const open = collapseView(one, toFlowNodes(one, inf), toFlowEdges(one));
    expect(open.chips.get('conv_1')).toEqual({ blockId: 'block_1', count: 1, collapsed: false });
    expect(open.nodes.some((n) => n.hidden)).toBe(false);
    const g = setBlockCollapsed(one, 'block_1', true);
    const view = collapseView(g, toFlowNodes(g, inf), toFlowEdges(g));
    expect(view.nodes.filter((n) => n.hidden).map((n) => n.id)).toEqual(['conv_1']);
    expect(view.nodes.find((n) => n.type === 'block')?.data).toMatchObject({ count: 1, layers: 1 });
  });
});
