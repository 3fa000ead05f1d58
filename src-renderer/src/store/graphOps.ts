// Pure edits on a GraphFile. Each returns a new graph (the store keeps old ones for undo) and never mutates.
import type { GraphEdge, GraphFile, GraphNode, DatasetConfig, TrainingConfig } from '../../../shared/graph/types';
import type { FixAction, ParamValue, ParamValues } from '../../../shared/layers/types';
import { getLayerDef, inputHandles, outputHandles } from '../../../shared/layers';
import { wouldCreateCycle } from '../../../shared/graph/topo';
import { newNodeId as sharedNodeId, newEdgeId as sharedEdgeId } from '../../../shared/graph/ids';
import { withCountLabel } from '../../../shared/graph/count-label';
import { oneLineText } from '../../../shared/graph/text';
import { i18n } from '../../../shared/i18n/i18n';

export function newNodeId(graph: Pick<GraphFile, 'nodes'>, kind: string): string {
  return sharedNodeId(kind, graph.nodes.map((n) => n.id));
}

export function newEdgeId(graph: Pick<GraphFile, 'edges'>, e: Omit<GraphEdge, 'id'>): string {
  return sharedEdgeId(e, graph.edges.map((x) => x.id));
}

/** `wanted`, or the first spot below it that does not sit on top of another node. */
export function freeSpot(graph: Pick<GraphFile, 'nodes'>, wanted: { x: number; y: number }): { x: number; y: number } {
  const p = { ...wanted };
  for (let i = 0; i < 20; i++) {
    if (!graph.nodes.some((n) => Math.abs(n.position.x - p.x) < 150 && Math.abs(n.position.y - p.y) < 140)) return p;
    p.y += 160;
  }
  return p;
}

export function addNode(graph: GraphFile, kind: string, position: { x: number; y: number }, params: ParamValues = {}): { graph: GraphFile; id: string } {
  if (!getLayerDef(kind)) throw new Error(`Unknown layer kind '${kind}'.`);
  const id = newNodeId(graph, kind);
  const node: GraphNode = { id, kind, params: { ...params }, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

export function removeElements(graph: GraphFile, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): GraphFile {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const keptNodes = graph.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  // Same object when nothing matched, so the store records no empty undo step.
  if (keptNodes.length === graph.nodes.length && keptEdges.length === graph.edges.length) return graph;
  return { ...graph, nodes: keptNodes, edges: keptEdges };
}

export interface ConnectionLike {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** Why a new wire is refused, or null when it may be added. */
export function connectionProblem(graph: Pick<GraphFile, 'nodes' | 'edges'>, c: ConnectionLike): string | null {
  if (!c.source || !c.target) return 'A wire needs both ends.';
  if (c.source === c.target) return 'A layer cannot feed itself.';
  const target = graph.nodes.find((n) => n.id === c.target);
  const source = graph.nodes.find((n) => n.id === c.source);
  if (!target || !source) return 'Unknown node.';
  const sourceHandle = c.sourceHandle ?? 'out';
  const targetHandle = c.targetHandle ?? 'in';
  if (graph.edges.some((e) => e.source === c.source && e.target === c.target && e.sourceHandle === sourceHandle && e.targetHandle === targetHandle)) {
    return i18n.t('common:wire.alreadyConnected');
  }
  if (wouldCreateCycle(graph.edges, c.source, c.target)) return i18n.t('common:wire.cycle');
  const def = getLayerDef(target.kind);
  const handle = def ? inputHandles(def, target.params).find((h) => h.id === targetHandle) : undefined;
  if (!handle) return i18n.t('common:wire.noSuchInput', { kind: target.kind, handle: targetHandle });
  if (!handle.multiple && graph.edges.some((e) => e.target === c.target && e.targetHandle === targetHandle)) {
    return i18n.t('common:wire.inputTaken', { label: handle.label });
  }
  return null;
}

export function connect(graph: GraphFile, c: ConnectionLike): GraphFile {
  if (connectionProblem(graph, c)) return graph;
  const e = { source: c.source!, sourceHandle: c.sourceHandle ?? 'out', target: c.target!, targetHandle: c.targetHandle ?? 'in' };
  return { ...graph, edges: [...graph.edges, { id: newEdgeId(graph, e), ...e }] };
}

function mapNode(graph: GraphFile, id: string, fn: (n: GraphNode) => GraphNode): GraphFile {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? fn(n) : n)) };
}

// Typed or pasted text becomes one line of visible text, which the file validator requires (see shared/graph/text.ts).

/** Sets one parameter; a label like "48 x decoder block" follows a changed block count. */
export function setParam(graph: GraphFile, nodeId: string, key: string, value: ParamValue): GraphFile {
  const v = typeof value === 'string' ? oneLineText(value) : value;
  return mapNode(graph, nodeId, (n) => withCountLabel({ ...n, params: { ...n.params, [key]: v } }));
}

export function setLabel(graph: GraphFile, nodeId: string, label: string): GraphFile {
  return mapNode(graph, nodeId, (n) => {
    const next = { ...n };
    if (label.trim()) next.label = oneLineText(label);
    else delete next.label;
    return next;
  });
}

export function moveNodes(graph: GraphFile, positions: Map<string, { x: number; y: number }>): GraphFile {
  if (positions.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

export function setDataset(graph: GraphFile, patch: Partial<DatasetConfig>): GraphFile {
  const options = patch.options && Object.fromEntries(Object.entries(patch.options).map(([k, v]) => [k, typeof v === 'string' ? oneLineText(v) : v]));
  return { ...graph, dataset: { ...graph.dataset, ...patch, ...(options && { options }) } };
}

export function renameGraph(graph: GraphFile, name: string): GraphFile {
  return { ...graph, name: oneLineText(name) };
}

export function setTraining(graph: GraphFile, patch: Partial<TrainingConfig>): GraphFile {
  return { ...graph, training: { ...graph.training, ...patch } };
}

/**
 * Puts a new `kind` node on the wire feeding input `handle` of `nodeId` (or just before it when nothing is
 * wired there). Returns the new node's id too.
 */
export function insertBefore(graph: GraphFile, nodeId: string, handle: string, kind: string, params: ParamValues = {}): { graph: GraphFile; id: string } {
  const target = graph.nodes.find((n) => n.id === nodeId);
  const def = getLayerDef(kind);
  if (!target || !def) return { graph, id: '' };
  const feeding = graph.edges.find((e) => e.target === nodeId && e.targetHandle === handle);
  const source = feeding ? graph.nodes.find((n) => n.id === feeding.source) : undefined;
  const position = source
    ? { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 + 40 }
    : { x: target.position.x - 260, y: target.position.y };
  const added = addNode(graph, kind, position, params);
  let g = added.graph;
  const inId = inputHandles(def, params)[0]?.id ?? 'in';
  const outId = outputHandles(def, params)[0]?.id ?? 'out';
  if (feeding) {
    g = { ...g, edges: g.edges.filter((e) => e.id !== feeding.id) };
    g = connect(g, { source: feeding.source, sourceHandle: feeding.sourceHandle, target: added.id, targetHandle: inId });
  }
  g = connect(g, { source: added.id, sourceHandle: outId, target: nodeId, targetHandle: handle });
  return { graph: g, id: added.id };
}

/** Applies a one-click fix offered on the node `nodeId`. */
export function applyFix(graph: GraphFile, nodeId: string, action: FixAction): GraphFile {
  switch (action.type) {
    case 'insertBefore':
      return insertBefore(graph, nodeId, action.handle, action.kind, action.params).graph;
    case 'setParam':
      return setParam(graph, action.nodeId ?? nodeId, action.param, action.value);
    case 'setDataset':
      return setDataset(graph, action.patch as Partial<DatasetConfig>);
  }
}
