import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../../../shared/graph/defaults';
import { recordBlock, repeatBlock, repeatedBlocks, setBlockCollapsed } from '../../../shared/graph/repeat';
import { setRepeatCount } from '../../../shared/graph/block-count';
import { inferGraph } from '../../../shared/infer';
import { removeElements } from '../store/graphOps';
import { toFlowEdges, toFlowNodes } from '../store/toFlow';
import { collapseView } from './collapse';

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
  it('hides the copies, wires the original exit to what followed the last copy, and marks the chip', () => {
    const g = repeated();
    const inf = inferGraph(g);
    const nodes = toFlowNodes(g, inf);
    const edges = toFlowEdges(g);
    const open = collapseView(g, nodes, edges);
    expect(open.nodes).toBe(nodes);
    expect(open.chips.get('conv_1')).toEqual({ blockId: 'block_1', count: 3, collapsed: false });
    // Collapse state lives in the block's extras entry (saved with the file).
    const shut = collapseView(setBlockCollapsed(g, 'block_1', true), nodes, edges);
    expect(shut.nodes.filter((n) => n.hidden).map((n) => n.id)).toEqual(['conv1d_1', 'conv1d_2']);
    const extra = shut.edges.filter((e) => e.id.startsWith('collapsed-'));
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ source: 'conv_1', target: 'output_1' });
    // It shows the shape of the wire it stands in for (the last copy's exit to the output).
    expect(inf.edges[extra[0].data!.shapeOf!]).toEqual([32, 4]);
  });
  it('forgets a block whose copies were deleted', () => {
    const g = removeElements(repeated(), ['conv1d_2']);
    expect(repeatedBlocks(g)).toEqual([]);
    const inf = inferGraph(g);
    expect(collapseView(g, toFlowNodes(g, inf), toFlowEdges(g)).chips.size).toBe(0);
  });
  it('keeps the chip of a block lowered to one repeat, on its exit, and never hides anything then', () => {
    const g = setBlockCollapsed(setRepeatCount(repeated(), 'block_1', 1), 'block_1', true);
    const inf = inferGraph(g);
    const view = collapseView(g, toFlowNodes(g, inf), toFlowEdges(g));
    expect(view.chips.get('conv_1')).toEqual({ blockId: 'block_1', count: 1, collapsed: false });
    expect(view.nodes.some((n) => n.hidden)).toBe(false);
  });
});
