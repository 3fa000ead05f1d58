// Collapsed repeated blocks, as a view over the graph: the copies (repeats 1..N-1) are hidden, the wires
// that left the last copy are drawn from the original block's exit instead, and that exit node gets a
// "×N" chip to expand again. Whether a block is collapsed is kept in its extras.blocks entry (saved with
// the file); training and export always see every copy.
import { createContext, useContext } from 'react';
import type { GraphFile } from '../../../shared/graph/types';
import { blockShape, repeatedBlocks, type RepeatedBlock } from '../../../shared/graph/repeat';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/toFlow';

export interface BlockChip {
  blockId: string;
  count: number;
  collapsed: boolean;
}

/** The node in repeat 0 whose output feeds repeat 1 (for a block down to one repeat: its exit). */
function exitOf(graph: GraphFile, block: RepeatedBlock): string | null {
  const first = new Set(block.repeats[0]);
  if (block.repeats.length === 1) {
    try {
      return blockShape(graph, block.repeats[0]).exit.node;
    } catch {
      return null;
    }
  }
  const second = new Set(block.repeats[1]);
  return graph.edges.find((e) => first.has(e.source) && second.has(e.target))?.source ?? null;
}

export function collapseView(
  graph: GraphFile,
  nodes: LayerFlowNode[],
  edges: ShapeFlowEdge[],
): { nodes: LayerFlowNode[]; edges: ShapeFlowEdge[]; chips: Map<string, BlockChip> } {
  const blocks = repeatedBlocks(graph);
  const chips = new Map<string, BlockChip>();
  if (blocks.length === 0) return { nodes, edges, chips };
  const hidden = new Set<string>();
  const extraEdges: ShapeFlowEdge[] = [];
  for (const b of blocks) {
    const exit = exitOf(graph, b);
    if (!exit) continue;
    const isCollapsed = b.collapsed === true && b.repeats.length > 1;
    chips.set(exit, { blockId: b.id, count: b.repeats.length, collapsed: isCollapsed });
    if (!isCollapsed) continue;
    const copies = new Set(b.repeats.slice(1).flat());
    for (const id of copies) hidden.add(id);
    const last = new Set(b.repeats[b.repeats.length - 1]);
    for (const e of edges) {
      if (!last.has(e.source) || copies.has(e.target)) continue;
      extraEdges.push({ ...e, id: `collapsed-${b.id}-${e.id}`, source: exit, data: { kind: e.data?.kind ?? 'tensor', shapeOf: e.id }, selectable: false, deletable: false, selected: false });
    }
  }
  if (hidden.size === 0) return { nodes, edges, chips };
  return {
    nodes: nodes.map((n) => (hidden.has(n.id) ? { ...n, hidden: true } : n)),
    edges: [...edges, ...extraEdges],
    chips,
  };
}


/** Chips by exit node id, provided by the canvas, read by each layer node. */
export const BlockChipsContext = createContext<Map<string, BlockChip>>(new Map());

export function useBlockChip(nodeId: string): BlockChip | undefined {
  return useContext(BlockChipsContext).get(nodeId);
}
