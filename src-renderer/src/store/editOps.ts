// Pure editor edits on a GraphFile beyond the basics in graphOps: clipboard payloads (copy / paste /
// duplicate with the wires between the copied nodes), align. Each returns a new graph. (Auto-layout is
// the canvas's: src-renderer/src/canvas/layout.)
import type { GraphEdge, GraphFile, GraphNode } from '../../../shared/graph/types';
import { getLayerDef } from '../../../shared/layers';
import { newNodeId as sharedNodeId, newEdgeId as sharedEdgeId } from '../../../shared/graph/ids';
import { renameRefs } from '../../../shared/graph/links';
import { i18n } from '../../../shared/i18n/i18n';

export const CLIP_FORMAT = 'layerlab-clip';

/** What goes on the clipboard (as JSON text) for copy and paste, also between two open windows. */
export interface ClipPayload {
  format: typeof CLIP_FORMAT;
  version: 1;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The selected nodes and only the wires that run between two of them. */
export function copyNodes(graph: GraphFile, ids: Iterable<string>): ClipPayload {
  const keep = new Set(ids);
  const nodes = graph.nodes.filter((n) => keep.has(n.id)).map((n) => structuredClone(n));
  const edges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)).map((e) => ({ ...e }));
  return { format: CLIP_FORMAT, version: 1, nodes, edges };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses clipboard text; returns null for text that is not ours, throws with a reason for a broken payload. */
export function parseClip(text: string): ClipPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.format !== CLIP_FORMAT) return null;
  if (!Array.isArray(raw.nodes) || !Array.isArray(raw.edges)) throw new Error(i18n.t('common:clipboard.noLists'));
  const nodes: GraphNode[] = raw.nodes.map((n: unknown, i: number) => {
    if (!isRecord(n) || typeof n.id !== 'string' || typeof n.kind !== 'string' || !isRecord(n.params) || !isRecord(n.position)) {
      throw new Error(i18n.t('common:clipboard.nodeIncomplete', { index: i + 1 }));
    }
    if (!getLayerDef(n.kind)) throw new Error(i18n.t('common:clipboard.unknownKind', { id: n.id, kind: n.kind }));
    const x = Number(n.position.x);
    const y = Number(n.position.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(i18n.t('common:clipboard.noPosition', { id: n.id }));
    const node: GraphNode = { id: n.id, kind: n.kind, params: n.params as GraphNode['params'], position: { x, y } };
    if (typeof n.label === 'string') node.label = n.label;
    return node;
  });
  const ids = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = raw.edges.filter(
    (e: unknown): e is GraphEdge =>
      isRecord(e) && typeof e.source === 'string' && typeof e.target === 'string' && ids.has(e.source) && ids.has(e.target) &&
      typeof e.sourceHandle === 'string' && typeof e.targetHandle === 'string',
  );
  return { format: CLIP_FORMAT, version: 1, nodes, edges };
}

/**
 * Adds copies of the payload's nodes (fresh ids, shifted by `offset`) and their internal wires.
 * Returns the new graph and the new node ids, in payload order.
 */
export function pasteNodes(graph: GraphFile, clip: ClipPayload, offset: { x: number; y: number }): { graph: GraphFile; ids: string[] } {
  if (clip.nodes.length === 0) return { graph, ids: [] };
  const taken = graph.nodes.map((n) => n.id);
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const n of clip.nodes) {
    const id = sharedNodeId(n.kind, taken);
    taken.push(id);
    rename.set(n.id, id);
    nodes.push({ ...structuredClone(n), id, position: { x: Math.round(n.position.x + offset.x), y: Math.round(n.position.y + offset.y) } });
  }
  // A pasted tied head pasted with its Embedding uses the pasted Embedding; pasted alone it keeps the original.
  for (let i = 0; i < nodes.length; i++) nodes[i] = renameRefs(nodes[i], rename);
  const edgeIds = graph.edges.map((e) => e.id);
  const edges: GraphEdge[] = [];
  for (const e of clip.edges) {
    const wired = { source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: rename.get(e.target)!, targetHandle: e.targetHandle };
    const id = sharedEdgeId(wired, edgeIds);
    edgeIds.push(id);
    edges.push({ id, ...wired });
  }
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}

/** Lines the nodes up on the smallest x (left) or y (top) among them. */
export function alignNodes(graph: GraphFile, ids: Iterable<string>, side: 'left' | 'top'): GraphFile {
  const keep = new Set(ids);
  const chosen = graph.nodes.filter((n) => keep.has(n.id));
  if (chosen.length < 2) return graph;
  const axis = side === 'left' ? 'x' : 'y';
  const line = Math.min(...chosen.map((n) => n.position[axis]));
  if (chosen.every((n) => n.position[axis] === line)) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (keep.has(n.id) ? { ...n, position: { ...n.position, [axis]: line } } : n)) };
}
