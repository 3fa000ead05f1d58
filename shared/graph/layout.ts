// Left-to-right layered layout for the auto-layout command: longest-path layering (each node one column
// right of its furthest predecessor), then a few barycenter sweeps to order nodes inside a column so
// wires cross less. Small and dependency-free; good enough for the tens-to-hundreds of nodes users draw.
import type { GraphEdge, GraphNode } from './types';
import { topologicalOrder } from './topo';

export interface LayoutOptions {
  /** Horizontal distance between the left edges of two columns. */
  columnGap?: number;
  /** Vertical distance between the top edges of two nodes in a column. */
  rowGap?: number;
  /** Measured node sizes; columns widen and rows grow to fit them. */
  sizes?: Map<string, { width: number; height: number }>;
  /** Where the top-left of the layout goes. */
  origin?: { x: number; y: number };
}

type Pos = { x: number; y: number };

/** Column of every node: 0 for nodes without inputs, else 1 + the largest column among its sources. */
export function longestPathLayers(nodes: Pick<GraphNode, 'id'>[], edges: Pick<GraphEdge, 'source' | 'target'>[]): Map<string, number> {
  const { order, cyclic } = topologicalOrder(nodes, edges);
  const layer = new Map<string, number>();
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) if (preds.has(e.target) && preds.has(e.source)) preds.get(e.target)!.push(e.source);
  for (const id of order) {
    let l = 0;
    for (const p of preds.get(id)!) if (layer.has(p)) l = Math.max(l, layer.get(p)! + 1);
    layer.set(id, l);
  }
  // Nodes on a cycle have no proper column: put them after everything else.
  const last = Math.max(-1, ...layer.values()) + 1;
  for (const id of cyclic) layer.set(id, last);
  return layer;
}

function average(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Reorders each column by the mean row of its neighbours in the column before (or after, on the way back). */
function barycenterSweeps(columns: string[][], preds: Map<string, string[]>, succs: Map<string, string[]>, sweeps = 4): void {
  const rowOf = new Map<string, number>();
  const index = () => columns.forEach((col) => col.forEach((id, i) => rowOf.set(id, i)));
  index();
  const reorder = (col: string[], neighbours: Map<string, string[]>) => {
    const keyed = col.map((id, i) => {
      const b = average((neighbours.get(id) ?? []).filter((n) => rowOf.has(n)).map((n) => rowOf.get(n)!));
      return { id, key: b ?? i, i };
    });
    // Stable: ties keep their current order.
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    col.splice(0, col.length, ...keyed.map((k) => k.id));
  };
  for (let s = 0; s < sweeps; s++) {
    for (let c = 1; c < columns.length; c++) {
      reorder(columns[c], preds);
      index();
    }
    for (let c = columns.length - 2; c >= 0; c--) {
      reorder(columns[c], succs);
      index();
    }
  }
}

/** New top-left positions for every node, flowing left to right. Disconnected parts stack in file order. */
export function layoutLeftToRight(
  nodes: Pick<GraphNode, 'id'>[],
  edges: Pick<GraphEdge, 'source' | 'target'>[],
  opts: LayoutOptions = {},
): Map<string, Pos> {
  const sizes = opts.sizes ?? new Map();
  const origin = opts.origin ?? { x: 0, y: 0 };
  const layer = longestPathLayers(nodes, edges);
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const succs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (!preds.has(e.target) || !preds.has(e.source)) continue;
    preds.get(e.target)!.push(e.source);
    succs.get(e.source)!.push(e.target);
  }
  const columnCount = Math.max(0, ...layer.values()) + 1;
  const columns: string[][] = Array.from({ length: nodes.length === 0 ? 0 : columnCount }, () => []);
  for (const n of nodes) columns[layer.get(n.id)!].push(n.id);
  barycenterSweeps(columns, preds, succs);

  const width = (id: string) => sizes.get(id)?.width ?? 180;
  const height = (id: string) => sizes.get(id)?.height ?? 80;
  const columnGap = opts.columnGap ?? 80;
  const rowGap = opts.rowGap ?? 40;
  const columnHeights = columns.map((col) => col.reduce((h, id) => h + height(id), 0) + rowGap * Math.max(0, col.length - 1));
  const tallest = Math.max(0, ...columnHeights);

  const out = new Map<string, Pos>();
  let x = origin.x;
  columns.forEach((col, c) => {
    // Centre each column vertically so a chain reads as a straight line.
    let y = origin.y + (tallest - columnHeights[c]) / 2;
    for (const id of col) {
      out.set(id, { x: Math.round(x), y: Math.round(y) });
      y += height(id) + rowGap;
    }
    x += Math.max(0, ...col.map(width)) + columnGap;
  });
  return out;
}
