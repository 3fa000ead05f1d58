// Reusable blocks: a group of selected layers (with the wires between them) saved under a name, kept in
// graph.extras.blockLibrary so it travels with the file (the renderer also keeps a per-user copy), and
// inserted again as fresh copies with new ids. Pure.
import type { GraphEdge, GraphFile, GraphNode } from './types';
import { newEdgeId, newNodeId } from './ids';
import { renameRefs } from './links';
import { getLayerDef } from '../layers';

export const BLOCK_LIBRARY_KEY = 'blockLibrary';

export interface SavedBlock {
  /** Derived from the name ('Res block' -> 'res-block'); saving the same name again replaces it. */
  id: string;
  name: string;
  /** Positions relative to the block's top-left corner. */
  nodes: GraphNode[];
  /** Only wires between two nodes of the block. */
  edges: GraphEdge[];
}

export function savedBlockId(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'block';
}

/** The selected nodes as a named block; throws naming what is wrong. */
export function makeSavedBlock(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeIds: string[], name: string): SavedBlock {
  const title = name.trim();
  if (!title) throw new Error('Give the block a name.');
  if (title.length > 60) throw new Error('The block name is longer than 60 characters.');
  const keep = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  if (nodes.length === 0) throw new Error('Select the layers that form the block first.');
  const io = nodes.find((n) => n.kind === 'Input' || n.kind === 'Output');
  if (io) throw new Error(`A saved block holds layers only; '${io.id}' is an ${io.kind} node.`);
  const x0 = Math.min(...nodes.map((n) => n.position.x));
  const y0 = Math.min(...nodes.map((n) => n.position.y));
  return {
    id: savedBlockId(title),
    name: title,
    nodes: nodes.map((n) => ({ ...structuredClone(n), position: { x: n.position.x - x0, y: n.position.y - y0 } })),
    edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)).map((e) => ({ ...e })),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a saved block read from a file or from local storage; throws naming `where` and the problem. */
export function parseSavedBlock(raw: unknown, where: string): SavedBlock {
  if (!isRecord(raw)) throw new Error(`${where}: not a saved block.`);
  if (typeof raw.name !== 'string' || !raw.name.trim()) throw new Error(`${where}: the block has no name.`);
  const label = `${where} ('${raw.name}')`;
  if (!Array.isArray(raw.nodes) || raw.nodes.length === 0) throw new Error(`${label}: it has no layers.`);
  if (!Array.isArray(raw.edges)) throw new Error(`${label}: its wire list is missing.`);
  const nodes = raw.nodes.map((n: unknown, i: number): GraphNode => {
    if (!isRecord(n) || typeof n.id !== 'string' || typeof n.kind !== 'string' || !isRecord(n.params) || !isRecord(n.position)) {
      throw new Error(`${label}: layer ${i + 1} is missing its id, kind, params or position.`);
    }
    if (!getLayerDef(n.kind) || n.kind === 'Input' || n.kind === 'Output') throw new Error(`${label}: layer '${n.id}' has a kind '${n.kind}' a block cannot hold.`);
    const x = Number(n.position.x);
    const y = Number(n.position.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${label}: layer '${n.id}' has no usable position.`);
    const node: GraphNode = { id: n.id, kind: n.kind, params: structuredClone(n.params) as GraphNode['params'], position: { x, y } };
    if (typeof n.label === 'string') node.label = n.label;
    return node;
  });
  const ids = new Set(nodes.map((n) => n.id));
  if (ids.size !== nodes.length) throw new Error(`${label}: two layers share an id.`);
  const edges = raw.edges.map((e: unknown, i: number): GraphEdge => {
    if (!isRecord(e) || typeof e.source !== 'string' || typeof e.target !== 'string' || typeof e.sourceHandle !== 'string' || typeof e.targetHandle !== 'string') {
      throw new Error(`${label}: wire ${i + 1} is missing its source, target or handles.`);
    }
    if (!ids.has(e.source) || !ids.has(e.target)) throw new Error(`${label}: wire ${i + 1} (${e.source} -> ${e.target}) leaves the block.`);
    return { id: typeof e.id === 'string' ? e.id : `w${i}`, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle };
  });
  return { id: savedBlockId(raw.name), name: raw.name.trim(), nodes, edges };
}

/** The saved blocks the file carries; broken entries are left out (listed in `problems`). */
export function blockLibrary(graph: Pick<GraphFile, 'extras'>): { blocks: SavedBlock[]; problems: string[] } {
  const raw = graph.extras?.[BLOCK_LIBRARY_KEY];
  if (!Array.isArray(raw)) return { blocks: [], problems: [] };
  const blocks: SavedBlock[] = [];
  const problems: string[] = [];
  raw.forEach((entry: unknown, i: number) => {
    try {
      blocks.push(parseSavedBlock(entry, `extras.${BLOCK_LIBRARY_KEY}[${i}]`));
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  });
  return { blocks, problems };
}

/** Adds the block to a list, replacing one of the same id (same name). */
export function withBlock(list: SavedBlock[], block: SavedBlock): SavedBlock[] {
  const i = list.findIndex((b) => b.id === block.id);
  return i < 0 ? [...list, block] : list.map((b, k) => (k === i ? block : b));
}

/** The graph with the block in its extras library (kept in the file). */
export function addToLibrary(graph: GraphFile, block: SavedBlock): GraphFile {
  const raw = graph.extras?.[BLOCK_LIBRARY_KEY];
  const list = Array.isArray(raw) ? (raw as SavedBlock[]) : [];
  const i = list.findIndex((b) => isRecord(b) && typeof b.name === 'string' && savedBlockId(b.name) === block.id);
  const next = i < 0 ? [...list, block] : list.map((b, k) => (k === i ? block : b));
  return { ...graph, extras: { ...graph.extras, [BLOCK_LIBRARY_KEY]: next } };
}

/** The graph without the named block in its extras library (unchanged when the file does not carry it). */
export function removeFromLibrary(graph: GraphFile, blockId: string): GraphFile {
  const raw = graph.extras?.[BLOCK_LIBRARY_KEY];
  if (!Array.isArray(raw)) return graph;
  const next = raw.filter((b) => !(isRecord(b) && typeof b.name === 'string' && savedBlockId(b.name) === blockId));
  return next.length === raw.length ? graph : { ...graph, extras: { ...graph.extras, [BLOCK_LIBRARY_KEY]: next } };
}

/**
 * Inserts a fresh copy of the block with its top-left corner at `at`: new node and wire ids, the wires
 * between its layers kept. Returns the new graph and the new node ids in block order.
 */
export function insertSavedBlock(graph: GraphFile, block: SavedBlock, at: { x: number; y: number }): { graph: GraphFile; ids: string[] } {
  const takenNodes = graph.nodes.map((n) => n.id);
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = block.nodes.map((n) => {
    const id = newNodeId(n.kind, takenNodes);
    takenNodes.push(id);
    rename.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: Math.round(at.x + n.position.x), y: Math.round(at.y + n.position.y) } };
  }).map((n) => renameRefs(n, rename)); // a head tied to an Embedding of the block uses the inserted copy
  const takenEdges = graph.edges.map((e) => e.id);
  const edges: GraphEdge[] = block.edges.map((e) => {
    const wire = { source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: rename.get(e.target)!, targetHandle: e.targetHandle };
    const id = newEdgeId(wire, takenEdges);
    takenEdges.push(id);
    return { id, ...wire };
  });
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}
