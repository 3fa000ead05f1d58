// GraphFile + inference -> React Flow nodes and edges. React Flow keeps only view state (selection,
// measured size); the GraphFile stays the source of truth. Shapes and parameter counts are NOT in the flow
// data: nodes and wires read them from the store by id (LayerNode, ShapeEdge), so an edit that only changes
// shapes hands React Flow the same nodes and edges and re-renders just the labels that changed (issue 8:
// React Flow's own store update with 300 nodes cost more than the whole rest of an edit).
import type { Edge, Node } from '@xyflow/react';
import type { GraphFile, GraphNode } from '../../../shared/graph/types';
import type { GraphInference, NodeInference } from '../../../shared/infer';
import { formatShape, type HandleKind, type HandleSpec, type LayerDef, type ParamValues, type Shape } from '../../../shared/layers/types';
import { getLayerDef, inputHandles, outputHandles, withDefaults } from '../../../shared/layers';
import { i18n } from '../../../shared/i18n/i18n';
import { layerText, paramOffText, paramText } from '../../../shared/i18n/layer-text';

/**
 * What React Flow itself must know about a layer node: its handles (it measures and connects them) and,
 * for the minimap, whether it has an error. Title, parameters and summary come from the graph node
 * (nodeView), shapes and counts from the store's inference, so a parameter edit leaves React Flow's nodes
 * untouched unless the handles change.
 */
export type LayerNodeData = {
  kind: string;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  hasError: boolean;
};
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export type ShapeEdgeData = {
  kind: HandleKind;
  /** A stand-in wire (a collapsed block's) shows the shape of this graph edge instead of its own id's. */
  shapeOf?: string;
};
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
    const label = paramText(def.kind, key, 'label').toLowerCase();
    if (spec.type === 'bool') {
      if (v !== spec.default) parts.push(v ? label : paramOffText(def.kind, key));
      continue;
    }
    if (spec.type === 'node') {
      parts.push(`${label} ${v || '?'}`);
      continue;
    }
    // Every int parameter that defaults to 0 means "derived from the others" (pooling strides = the pool size,
    // a block's key dim = d / heads, feed-forward dim = 4 x d): "strides 0" on a node reads as a window that
    // never moves, so such a parameter is named only when it is set.
    if (spec.type === 'int' && spec.default === 0 && v === 0) continue;
    parts.push(spec.type === 'enum' ? formatValue(v) : `${label} ${formatValue(v)}`);
  }
  return parts.join(' · ');
}

/** How a graph node reads on the canvas and in the inspector. */
export interface NodeView {
  title: string;
  /** Undefined for an unknown kind (e.g. a file from a newer version). */
  def: LayerDef | undefined;
  params: ParamValues;
  summary: string;
}

// One view per graph node object and language: graph nodes are immutable, an edit makes a new object.
const viewsByLanguage = new Map<string, WeakMap<GraphNode, NodeView>>();

export function nodeView(node: GraphNode): NodeView {
  let views = viewsByLanguage.get(i18n.language);
  if (!views) viewsByLanguage.set(i18n.language, (views = new WeakMap()));
  let v = views.get(node);
  if (!v) {
    const def = getLayerDef(node.kind);
    const params = def ? withDefaults(def, node.params) : { ...node.params };
    v = {
      title: node.label || (def ? layerText(def.kind, 'label') : node.kind),
      def,
      params,
      summary: def ? paramSummary(def, params) : 'unknown layer kind',
    };
    views.set(node, v);
  }
  return v;
}

export function nodeData(node: GraphNode, hasError: boolean): LayerNodeData {
  const def = getLayerDef(node.kind);
  return {
    kind: node.kind,
    inputs: def ? inputHandles(def, node.params) : [],
    outputs: def ? outputHandles(def, node.params) : [],
    hasError,
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

const NODE_KEYS = new Set(['id', 'type', 'position', 'data', 'selected', 'measured']);
const EDGE_KEYS = new Set(['id', 'type', 'source', 'sourceHandle', 'target', 'targetHandle', 'data', 'selected']);
const onlyKeys = (o: object, allowed: Set<string>) => Object.keys(o).every((k) => allowed.has(k));

/**
 * Converts the graph; view state (selected, measured size) carries over from `previous` by id. A node whose
 * handles, error state and position did not change keeps its previous object, so React Flow and the memoised
 * node component skip it; a parameter edit usually changes none of these.
 */
/** The graph node each data object was last checked against: an unchanged graph node skips recomputing handles. */
const dataSource = new WeakMap<LayerNodeData, GraphNode>();

export function toFlowNodes(graph: GraphFile, inference: GraphInference, previous: LayerFlowNode[] = []): LayerFlowNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  return graph.nodes.map((n) => {
    const old = prev.get(n.id);
    const hasError = inference.nodes[n.id]?.error !== undefined;
    const oldData = old?.type === 'layer' ? old.data : undefined;
    let data: LayerNodeData;
    if (oldData && dataSource.get(oldData) === n && oldData.hasError === hasError) data = oldData;
    else {
      // A new graph node object (an edit or a move): its handles may have changed, compare what it gives.
      const fresh = nodeData(n, hasError);
      data = oldData && sameData(oldData, fresh) ? oldData : fresh;
      dataSource.set(data, n);
    }
    if (old && data === oldData && old.position.x === n.position.x && old.position.y === n.position.y && onlyKeys(old, NODE_KEYS)) {
      return old;
    }
    const node: LayerFlowNode = { id: n.id, type: 'layer', position: n.position, data };
    if (old?.selected) node.selected = true;
    if (old?.measured) node.measured = old.measured;
    return node;
  });
}

export function toFlowEdges(graph: GraphFile, previous: ShapeFlowEdge[] = []): ShapeFlowEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.edges.map((e) => {
    const source = nodes.get(e.source);
    const def = source ? getLayerDef(source.kind) : undefined;
    const kind = (def && outputHandles(def, source!.params).find((h) => h.id === e.sourceHandle)?.kind) || 'tensor';
    const old = prev.get(e.id);
    if (
      old &&
      old.type === 'shape' &&
      old.source === e.source &&
      old.sourceHandle === e.sourceHandle &&
      old.target === e.target &&
      old.targetHandle === e.targetHandle &&
      old.data?.kind === kind &&
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
      data: { kind },
    };
    if (old?.selected) edge.selected = true;
    return edge;
  });
}

/** The same list when every element is the same object (React Flow then skips its store update). */
export function sameList<T>(prev: T[], next: T[]): T[] {
  return prev.length === next.length && next.every((x, i) => x === prev[i]) ? prev : next;
}

/**
 * The new inference with the previous result's objects kept wherever they are equal, so a component that
 * reads one node's inference (or one wire's shape) from the store re-renders only when that one changed.
 */
export function stableInference(prev: GraphInference | undefined, next: GraphInference): GraphInference {
  if (!prev) return next;
  const nodes: Record<string, NodeInference> = {};
  for (const [id, info] of Object.entries(next.nodes)) {
    const old = prev.nodes[id];
    nodes[id] = old !== undefined && sameData(old, info) ? old : info;
  }
  const edges: Record<string, Shape | null> = {};
  for (const [id, shape] of Object.entries(next.edges)) {
    const old = prev.edges[id];
    edges[id] = old !== undefined && sameData(old, shape) ? old : shape;
  }
  return { ...next, nodes, edges };
}
