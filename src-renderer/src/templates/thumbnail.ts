// A small picture of a graph for the template gallery: nodes as boxes flowing top to bottom by depth
// (longest path from an input), branches side by side; a long chain wraps into several columns so the
// picture stays readable in a card. Pure: boxes and lines in an abstract unit space the SVG scales.
import type { GraphEdge, GraphFile, GraphNode } from '../../../shared/graph/types';
import { topologicalOrder } from '../../../shared/graph/topo';
import { getLayerDef } from '../../../shared/layers';

export interface ThumbBox {
  id: string;
  x: number;
  y: number;
  category: string;
}
export interface ThumbLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface Thumbnail {
  boxes: ThumbBox[];
  lines: ThumbLine[];
  width: number;
  height: number;
}

export const BOX_W = 24;
export const BOX_H = 8;
const GAP_X = 6;
const GAP_Y = 6;
const COLUMN_GAP = 14;
/** Depth levels per column before the chain wraps. */
export const MAX_ROWS = 7;

/** Each node's depth: one more than its deepest predecessor (longest path from an input). */
function longestPathLayers(nodes: Pick<GraphNode, 'id'>[], edges: Pick<GraphEdge, 'source' | 'target'>[]): Map<string, number> {
  const { order, cyclic } = topologicalOrder(nodes, edges);
  const layer = new Map<string, number>();
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) if (preds.has(e.target) && preds.has(e.source)) preds.get(e.target)!.push(e.source);
  for (const id of order) {
    let l = 0;
    for (const p of preds.get(id)!) if (layer.has(p)) l = Math.max(l, layer.get(p)! + 1);
    layer.set(id, l);
  }
  // Nodes on a cycle have no proper depth: put them after everything else.
  const last = Math.max(-1, ...layer.values()) + 1;
  for (const id of cyclic) layer.set(id, last);
  return layer;
}

export function thumbnailOf(graph: Pick<GraphFile, 'nodes' | 'edges'>): Thumbnail {
  const rank = longestPathLayers(graph.nodes, graph.edges);
  const depth = Math.max(0, ...rank.values()) + 1;
  // Wrap evenly: 13 levels become two columns of 7 and 6, not 7 and 1... rounded up.
  const columns = Math.ceil(depth / MAX_ROWS);
  const rowsPerColumn = Math.ceil(depth / columns);
  const levels: GraphFile['nodes'][] = Array.from({ length: depth }, () => []);
  for (const n of graph.nodes) levels[rank.get(n.id) ?? 0].push(n);
  // Within a level, keep the template's own top-to-bottom order (its rows become left to right).
  for (const l of levels) l.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  const levelWidth = (l: GraphFile['nodes']) => l.length * BOX_W + Math.max(0, l.length - 1) * GAP_X;
  const columnWidths = Array.from({ length: columns }, (_, c) => Math.max(BOX_W, ...levels.slice(c * rowsPerColumn, (c + 1) * rowsPerColumn).map(levelWidth)));
  const columnX = columnWidths.map((_, c) => columnWidths.slice(0, c).reduce((a, w) => a + w + COLUMN_GAP, 0));

  const boxes: ThumbBox[] = [];
  const at = new Map<string, ThumbBox>();
  levels.forEach((level, r) => {
    const c = Math.floor(r / rowsPerColumn);
    const row = r % rowsPerColumn;
    let x = columnX[c] + (columnWidths[c] - levelWidth(level)) / 2;
    for (const n of level) {
      const box = { id: n.id, x, y: row * (BOX_H + GAP_Y), category: getLayerDef(n.kind)?.category ?? 'Unknown' };
      boxes.push(box);
      at.set(n.id, box);
      x += BOX_W + GAP_X;
    }
  });
  const lines: ThumbLine[] = [];
  for (const e of graph.edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    lines.push({ x1: a.x + BOX_W / 2, y1: a.y + BOX_H, x2: b.x + BOX_W / 2, y2: b.y });
  }
  const width = columnX[columns - 1] + columnWidths[columns - 1];
  const height = Math.min(depth, rowsPerColumn) * (BOX_H + GAP_Y) - GAP_Y;
  return { boxes, lines, width, height };
}
