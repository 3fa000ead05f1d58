// GraphFile + inference -> React Flow nodes and edges. React Flow keeps only view state (selection,
// measured size); the GraphFile stays the source of truth.
import type { Edge, Node } from '@xyflow/react';
import type { GraphFile, GraphNode } from '../../../shared/graph/types';
import type { GraphInference, NodeInference } from '../../../shared/infer';
import { formatShape, type HandleKind, type HandleSpec, type LayerDef, type ParamValues, type Shape } from '../../../shared/layers/types';
import { getLayerDef, inputHandles, outputHandles, withDefaults } from '../../../shared/layers';

export type LayerNodeData = {
  kind: string;
  title: string;
  /** Undefined for an unknown kind (e.g. a file from a newer version). */
  def: LayerDef | undefined;
  params: ParamValues;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  summary: string;
  info: NodeInference | undefined;
};
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export type ShapeEdgeData = { shape: Shape | null; kind: HandleKind };
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return formatShape(v as number[]);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return String(v);
}

/** A short line of the parameters that matter most, e.g. "units 128 · relu". */
export function paramSummary(def: LayerDef, params: ParamValues, max = 3): string {
  const parts: string[] = [];
  for (const [key, spec] of Object.entries(def.params)) {
    if (parts.length >= max) break;
    const v = params[key];
    if (spec.type === 'bool') {
      if (v !== spec.default) parts.push(`${v ? '' : 'no '}${spec.label.toLowerCase()}`);
      continue;
    }
    parts.push(spec.type === 'enum' ? formatValue(v) : `${spec.label.toLowerCase()} ${formatValue(v)}`);
  }
  return parts.join(' · ');
}

export function nodeData(node: GraphNode, info: NodeInference | undefined): LayerNodeData {
  const def = getLayerDef(node.kind);
  const params = def ? withDefaults(def, node.params) : { ...node.params };
  return {
    kind: node.kind,
    title: node.label || def?.label || node.kind,
    def,
    params,
    inputs: def ? inputHandles(def, node.params) : [],
    outputs: def ? outputHandles(def, node.params) : [],
    summary: def ? paramSummary(def, params) : 'unknown layer kind',
    info,
  };
}

/** Plain-data deep equality (numbers, strings, arrays, objects), for inference results. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The graph node each data object was made from, so an unchanged node can keep its data (and React its render). */
const dataSource = new WeakMap<LayerNodeData, GraphNode>();
const NODE_KEYS = new Set(['id', 'type', 'position', 'data', 'selected', 'measured']);
const EDGE_KEYS = new Set(['id', 'type', 'source', 'sourceHandle', 'target', 'targetHandle', 'data', 'selected']);
const onlyKeys = (o: object, allowed: Set<string>) => Object.keys(o).every((k) => allowed.has(k));

/**
 * Converts the graph; view state (selected, measured size) carries over from `previous` by id. A node whose
 * graph node, position and inference did not change keeps its previous object, so React Flow and the memoised
 * node component skip it (a 300-node canvas re-renders only what an edit touched).
 */
export function toFlowNodes(graph: GraphFile, inference: GraphInference, previous: LayerFlowNode[] = []): LayerFlowNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  return graph.nodes.map((n) => {
    const old = prev.get(n.id);
    const info = inference.nodes[n.id];
    const keepData = old !== undefined && dataSource.get(old.data) === n && sameData(old.data.info, info);
    if (keepData && old.position.x === n.position.x && old.position.y === n.position.y && onlyKeys(old, NODE_KEYS) && old.type === 'layer') {
      return old;
    }
    let data: LayerNodeData;
    if (keepData) data = old.data;
    else if (old !== undefined && dataSource.get(old.data) === n) {
      // Same node, new inference (an edit upstream changed its shape): keep handles and summary, so
      // memoised handles skip their render.
      data = { ...old.data, info };
      dataSource.set(data, n);
    } else {
      data = nodeData(n, info);
      dataSource.set(data, n);
    }
    const node: LayerFlowNode = {
      id: n.id,
      type: 'layer',
      position: n.position,
      data,
    };
    if (old?.selected) node.selected = true;
    if (old?.measured) node.measured = old.measured;
    return node;
  });
}

export function toFlowEdges(graph: GraphFile, inference: GraphInference, previous: ShapeFlowEdge[] = []): ShapeFlowEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.edges.map((e) => {
    const source = nodes.get(e.source);
    const def = source ? getLayerDef(source.kind) : undefined;
    const kind = (def && outputHandles(def, source!.params).find((h) => h.id === e.sourceHandle)?.kind) || 'tensor';
    const shape = inference.edges[e.id] ?? null;
    const old = prev.get(e.id);
    if (
      old &&
      old.type === 'shape' &&
      old.source === e.source &&
      old.sourceHandle === e.sourceHandle &&
      old.target === e.target &&
      old.targetHandle === e.targetHandle &&
      old.data?.kind === kind &&
      sameData(old.data.shape, shape) &&
      onlyKeys(old, EDGE_KEYS)
    ) {
      return old;
    }
    const edge: ShapeFlowEdge = {
      id: e.id,
      type: 'shape',
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
      data: { shape, kind },
    };
    if (old?.selected) edge.selected = true;
    return edge;
  });
}
