// Collapsed repeated blocks, as a view over the graph: every node of the block (all its repeats) is hidden
// and one block node stands for them, titled with the block's name and its repeat count; wires into the
// block arrive at the block node's input, and wires out of it leave from its outputs (the chain's exit, and
// any side output such as WaveNet's skip connections, drawn once for all repeats). An expanded block shows
// a "×N" chip on its first repeat's exit to collapse it again. Whether a block is collapsed is kept in its
// extras.blocks entry (saved with the file); training and export always see every copy.
import { createContext, useContext } from 'react';
import type { Node } from '@xyflow/react';
import type { GraphFile } from '../../../shared/graph/types';
import type { HandleSpec } from '../../../shared/layers/types';
import { blockName, blockShape, repeatedBlocks, type RepeatedBlock } from '../../../shared/graph/repeat';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/toFlow';

export interface BlockChip {
  blockId: string;
  count: number;
  collapsed: boolean;
}

/** What a collapsed block's node shows; `kind`, `inputs`, `outputs` and `hasError` as a layer node's. */
export type BlockNodeData = {
  kind: 'Block';
  blockId: string;
  label: string;
  count: number;
  /** Layers in one repeat. */
  layers: number;
  /** Every node of every repeat. */
  members: string[];
  /** The first repeat's exit node: the chip's test id names it, as on an expanded block. */
  exit: string;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  hasError: boolean;
};
export type BlockFlowNode = Node<BlockNodeData, 'block'>;
export type CanvasNode = LayerFlowNode | BlockFlowNode;

const BLOCK_PREFIX = 'block:';
export const blockNodeId = (blockId: string) => `${BLOCK_PREFIX}${blockId}`;
export const isBlockNodeId = (id: string) => id.startsWith(BLOCK_PREFIX);

/** The node in repeat 0 whose output feeds repeat 1 (for a block of one repeat: its exit). */
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

const wireKey = (e: Pick<ShapeFlowEdge, 'source' | 'sourceHandle' | 'target' | 'targetHandle'>) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}\u0000${e.targetHandle}`;

/** The node that anchors a collapsed block on the canvas: the block node sits where this node is. */
const anchorOf = (b: RepeatedBlock) => b.repeats[0][0];

/** Sizes React Flow measured for block nodes (kept here: block nodes are not in the graph store). */
const measuredBlocks = new Map<string, { width: number; height: number }>();
export function rememberBlockSize(id: string, size: { width: number; height: number }): void {
  measuredBlocks.set(id, size);
}

function stand(e: ShapeFlowEdge, blockId: string, patch: Partial<ShapeFlowEdge>): ShapeFlowEdge {
  return { ...e, ...patch, id: `collapsed-${blockId}-${e.id}`, data: { kind: e.data?.kind ?? 'tensor', shapeOf: e.data?.shapeOf ?? e.id }, selectable: false, deletable: false, selected: false };
}

export function collapseView(
  graph: GraphFile,
  nodes: LayerFlowNode[],
  edges: ShapeFlowEdge[],
): { nodes: CanvasNode[]; edges: ShapeFlowEdge[]; chips: Map<string, BlockChip> } {
  const blocks = repeatedBlocks(graph);
  const chips = new Map<string, BlockChip>();
  if (blocks.length === 0) return { nodes, edges, chips };
  const hidden = new Set<string>();
  const blockNodes: BlockFlowNode[] = [];
  let shown = edges;
  const position = new Map(graph.nodes.map((n) => [n.id, n.position]));
  for (const b of blocks) {
    const exit = exitOf(graph, b);
    if (!exit) continue;
    const isCollapsed = b.collapsed === true;
    chips.set(exit, { blockId: b.id, count: b.repeats.length, collapsed: isCollapsed });
    if (!isCollapsed) continue;
    const members = b.repeats.flat();
    const inBlock = new Set(members);
    if (members.some((id) => hidden.has(id))) continue; // overlapping blocks (a hand-edited file): keep the first
    for (const id of members) hidden.add(id);
    const id = blockNodeId(b.id);
    const exitIndex = b.repeats[0].indexOf(exit);
    const indexOf = new Map<string, number>();
    for (const r of b.repeats) r.forEach((m, i) => indexOf.set(m, i));
    // Output handles: the chain's exit, then each side output (by its place in a repeat), in that order.
    const outputs: HandleSpec[] = [{ id: 'out', label: 'out', kind: 'tensor' }];
    const handleOf = (member: string): string => {
      const i = indexOf.get(member)!;
      if (i === exitIndex) return 'out';
      const hid = `side-${i}`;
      if (!outputs.some((h) => h.id === hid)) {
        const title = graph.nodes.find((n) => n.id === b.repeats[0][i])?.label;
        outputs.push({ id: hid, label: title ? title.replace(/^.*?:\s*/, '') : `output ${i + 1}`, kind: 'tensor' });
      }
      return hid;
    };
    const drawn = new Set<string>();
    const next: ShapeFlowEdge[] = [];
    for (const e of shown) {
      const fromIn = inBlock.has(e.source);
      const toIn = inBlock.has(e.target);
      if (fromIn === toIn) {
        next.push(e);
        continue;
      }
      next.push(e); // hidden with its node; the stand-in below is drawn instead
      const s = fromIn ? stand(e, b.id, { source: id, sourceHandle: handleOf(e.source) }) : stand(e, b.id, { target: id, targetHandle: 'in' });
      // Every repeat's skip output reaches the same input: one wire shows them all.
      if (drawn.has(wireKey(s))) continue;
      drawn.add(wireKey(s));
      next.push(s);
    }
    shown = next;
    const hasError = nodes.some((n) => inBlock.has(n.id) && n.data.hasError);
    const size = measuredBlocks.get(id);
    blockNodes.push({
      id,
      type: 'block',
      position: position.get(anchorOf(b)) ?? { x: 0, y: 0 },
      data: {
        kind: 'Block',
        blockId: b.id,
        label: blockName(b),
        count: b.repeats.length,
        layers: b.repeats[0].length,
        members,
        exit,
        inputs: [{ id: 'in', label: 'in', kind: 'tensor' }],
        outputs,
        hasError,
      },
      selectable: false,
      deletable: false,
      ...(size ? { measured: size } : {}),
    });
  }
  if (hidden.size === 0) return { nodes, edges, chips };
  // A stand-in wire between two collapsed blocks: both ends already moved onto block nodes above.
  const visible = new Set([...nodes.filter((n) => !hidden.has(n.id)).map((n) => n.id), ...blockNodes.map((n) => n.id)]);
  return {
    nodes: [...nodes.map((n) => (hidden.has(n.id) ? { ...n, hidden: true } : n)), ...blockNodes],
    edges: shown.filter((e) => !e.id.startsWith('collapsed-') || (visible.has(e.source) && visible.has(e.target))),
    chips,
  };
}

/**
 * Positions for graph nodes from positions that may name block nodes: a block node's move moves every
 * node of its block by the same amount (so the block expands where it was put).
 */
export function memberPositions(graph: GraphFile, positions: Map<string, { x: number; y: number }>): Map<string, { x: number; y: number }> {
  if (![...positions.keys()].some(isBlockNodeId)) return positions;
  const out = new Map([...positions].filter(([id]) => !isBlockNodeId(id)));
  const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
  for (const b of repeatedBlocks(graph)) {
    const p = positions.get(blockNodeId(b.id));
    const from = at.get(anchorOf(b));
    if (!p || !from) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    for (const m of b.repeats.flat()) {
      const q = at.get(m)!;
      out.set(m, { x: Math.round(q.x + dx), y: Math.round(q.y + dy) });
    }
  }
  return out;
}

/** Chips by exit node id, provided by the canvas, read by each layer node. */
export const BlockChipsContext = createContext<Map<string, BlockChip>>(new Map());

export function useBlockChip(nodeId: string): BlockChip | undefined {
  return useContext(BlockChipsContext).get(nodeId);
}
