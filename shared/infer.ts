// Whole-graph inference: the shape on every edge, the parameter count of every node and errors on the
// nodes they concern, each with a fix where one is known. Pure and synchronous: it runs on every edit.
import type { GraphEdge, GraphFile, GraphNode } from './graph/types';
import type { DatasetShapes } from './data/types';
import { ShapeError, formatShape, type Fix, type Shape, type HandleSpec, type LinkedNodes } from './layers/types';
import { englishMessage, messageFix, type LayerMessage, type LayerMessageId, type MessageValues } from './layers/messages';
import { getLayerDef, inputHandles, outputHandles, withDefaults } from './layers';
import { topologicalOrder } from './graph/topo';
import { linkOrderEdges, nodeLinks, nodeRefParams, type NodeLink } from './graph/links';
import { datasetShapes } from './data/catalog';

export interface NodeError {
  message: string;
  fixes: Fix[];
  /** The message as a catalogue message, to show it in the chosen language (English `message` otherwise). */
  text?: LayerMessage;
}

export interface NodeInference {
  /** One shape per output handle; null when it cannot be known (error here or upstream). */
  outputs: (Shape | null)[];
  params: number;
  error?: NodeError;
  notes?: string[];
  /** The notes as catalogue messages, index for index; a note past its end stays English. */
  noteTexts?: LayerMessage[];
  /** Values per sample kept for the backward pass besides the outputs (see InferResult). */
  workingElements?: number;
}

export interface GraphError extends NodeError {
  /** The node concerned, or null for graph-wide problems (no Input, no Output). */
  nodeId: string | null;
}

export interface GraphInference {
  nodes: Record<string, NodeInference>;
  /** Shape carried by each edge; null when unknown. */
  edges: Record<string, Shape | null>;
  totalParams: number;
  errors: GraphError[];
  order: string[];
}

type GraphLike = Pick<GraphFile, 'nodes' | 'edges'>;

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

function outputIndex(handles: HandleSpec[], id: string): number {
  return handles.findIndex((h) => h.id === id);
}

export function inferGraph(graph: GraphLike, data?: DatasetShapes): GraphInference {
  const result: GraphInference = { nodes: {}, edges: {}, totalParams: 0, errors: [], order: [] };
  const byId = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.target) ?? [];
    list.push(e);
    incoming.set(e.target, list);
  }

  const fail = (nodeId: string, message: string, fixes: Fix[] = [], text?: LayerMessage): void => {
    const info = result.nodes[nodeId];
    info.error = text ? { message, fixes, text } : { message, fixes };
    result.errors.push({ nodeId, ...info.error });
  };
  /** fail() with a catalogue message (layers:messages.<id>), so it also reads in the chosen language. */
  const failWith = (nodeId: string, id: LayerMessageId, values: MessageValues, fixes: Fix[] = []): void => {
    const text = { id, values };
    fail(nodeId, englishMessage(text), fixes, text);
  };

  // A linked node (the Embedding a tied head reuses) is inferred and built before the node naming it.
  const { order, cyclic } = topologicalOrder(graph.nodes, [...graph.edges, ...linkOrderEdges(graph)]);
  result.order = order;
  const links = nodeLinks(graph);
  for (const id of cyclic) {
    result.nodes[id] = { outputs: [], params: 0 };
    const link = links.find((l) => l.from === id && cyclic.includes(l.to));
    if (link) failWith(id, 'graphLinkDownstream', { link: link.spec.label, target: titleOf(byId.get(link.to)!) });
    else failWith(id, 'graphCycle', {});
  }

  for (const id of order) {
    const node = byId.get(id)!;
    const info: NodeInference = { outputs: [], params: 0 };
    result.nodes[id] = info;
    const def = getLayerDef(node.kind);
    if (!def) {
      failWith(id, 'graphUnknownKind', { kind: node.kind });
      continue;
    }
    const params = withDefaults(def, node.params);
    const ins = inputHandles(def, params);
    const outs = outputHandles(def, params);
    info.outputs = outs.map(() => null);

    // Gather the shapes arriving at each input handle, in edge order.
    const shapes: Shape[][] = ins.map(() => []);
    let upstreamUnknown = false;
    let wiringError: MessageValues | null = null;
    for (const e of incoming.get(id) ?? []) {
      const slot = ins.findIndex((h) => h.id === e.targetHandle);
      if (slot < 0) {
        wiringError = { handle: e.targetHandle, layer: def.label };
        continue;
      }
      const shape = result.edges[e.id];
      if (shape === undefined || shape === null) upstreamUnknown = true;
      else shapes[slot].push(shape);
    }
    if (wiringError) {
      failWith(id, 'graphNoSuchHandle', wiringError);
      continue;
    }
    const missing = ins.filter((h, i) => !h.optional && (incoming.get(id) ?? []).every((e) => e.targetHandle !== h.id) && shapes[i].length === 0);
    if (missing.length > 0) {
      failWith(id, 'graphConnect', { inputs: missing.map((h) => `'${h.label}'`).join(' and ') });
      continue;
    }
    const tooMany = ins.find((h, i) => !h.multiple && shapes[i].length > 1);
    if (tooMany) {
      failWith(id, 'graphOneWire', { input: tooMany.label, wires: shapes[ins.indexOf(tooMany)].length });
      continue;
    }
    const linked = resolveLinks(node, byId);
    if (linked.error) {
      fail(id, linked.error.message, linked.error.fixes, linked.error.text);
      continue;
    }
    if (upstreamUnknown) continue; // the error is shown upstream

    try {
      const out = def.infer(shapes, params, linked.nodes);
      info.outputs = out.outputs;
      info.params = out.params;
      if (out.notes) info.notes = out.notes;
      if (out.noteTexts) info.noteTexts = out.noteTexts;
      if (out.workingElements) info.workingElements = out.workingElements;
    } catch (err) {
      if (err instanceof ShapeError) fail(id, err.message, err.fixes, err.text);
      else fail(id, err instanceof Error ? err.message : String(err));
      info.outputs = outs.map(() => null);
      continue;
    }

    if (data) checkAgainstData(node, params, shapes, info, data, failWith);

    for (const e of graph.edges) {
      if (e.source !== id) continue;
      const idx = outputIndex(outs, e.sourceHandle);
      result.edges[e.id] = idx < 0 ? null : (info.outputs[idx] ?? null);
    }
    result.totalParams += info.params;
  }

  // Edges from nodes that failed carry nothing known.
  for (const e of graph.edges) if (!(e.id in result.edges)) result.edges[e.id] = null;
  noteLinkedNodes(result, links, byId);
  // Cyclic nodes' counts are unknown but real nodes before the cycle still counted.

  if (!graph.nodes.some((n) => n.kind === 'Input')) result.errors.push(graphError('graphNoInput'));
  if (!graph.nodes.some((n) => n.kind === 'Output')) result.errors.push(graphError('graphNoOutput'));
  return result;
}

/** A graph-wide error (no node to show it on), as a catalogue message. */
function graphError(id: LayerMessageId): GraphError {
  const text = { id, values: {} };
  return { nodeId: null, message: englishMessage(text), fixes: [], text };
}

const withArticle = (word: string) => `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;

function titleOf(node: GraphNode): string {
  return node.label || node.id;
}

/**
 * The node each NodeRefParam of `node` names, or an error (with a fix per node that would fit) when a
 * reference is empty, names a node that is gone, or names a node of another kind.
 */
function resolveLinks(node: GraphNode, byId: Map<string, GraphNode>): { nodes: LinkedNodes; error?: NodeError } {
  const def = getLayerDef(node.kind);
  const linked: LinkedNodes = {};
  for (const [param, spec] of nodeRefParams(def)) {
    const value = node.params[param];
    const target = typeof value === 'string' && value !== '' ? byId.get(value) : undefined;
    const targetDef = target ? getLayerDef(target.kind) : undefined;
    if (target && targetDef && spec.kinds.includes(target.kind)) {
      linked[param] = { id: target.id, kind: target.kind, title: titleOf(target), params: withDefaults(targetDef, target.params) };
      continue;
    }
    const kinds = spec.kinds.join(' or ');
    const candidates = [...byId.values()].filter((n) => n.id !== node.id && spec.kinds.includes(n.kind));
    const fixes: Fix[] = candidates.map((n) => messageFix('fixUseNode', { node: titleOf(n) }, { type: 'setParam', param, value: n.id }));
    // The parameter's label as values (English here; messageText says it in another language from paramKind/paramName).
    const what = { layer: def!.label, param: spec.label, paramKind: node.kind, paramName: param, kinds };
    const none = candidates.length === 0;
    const text: LayerMessage = !value
      ? { id: none ? 'linkNotSetNone' : 'linkNotSet', values: what }
      : !target
        ? { id: none ? 'linkMissingNone' : 'linkMissing', values: { ...what, value: String(value) } }
        : {
            id: none ? 'linkWrongKindNone' : 'linkWrongKind',
            values: { ...what, target: titleOf(target), targetKindWithArticle: withArticle(target.kind), kindsWithArticle: withArticle(kinds) },
          };
    return { nodes: linked, error: { message: englishMessage(text), fixes, text } };
  }
  return { nodes: linked };
}

/** The linked node says who links to it (e.g. "Tied weights with Output head"). */
function noteLinkedNodes(result: GraphInference, links: NodeLink[], byId: Map<string, GraphNode>): void {
  for (const l of links) {
    const info = result.nodes[l.to];
    const from = byId.get(l.from);
    if (!info || !from || result.nodes[l.from]?.error) continue;
    const note: LayerMessage = {
      id: 'noteLinkHolds',
      values: { link: l.spec.link.charAt(0).toUpperCase() + l.spec.link.slice(1), node: titleOf(from), paramKind: from.kind, paramName: l.param },
    };
    // Notes and their catalogue messages are index for index: add the message only while they line up.
    const aligned = (info.noteTexts?.length ?? 0) === (info.notes?.length ?? 0);
    info.notes = [...(info.notes ?? []), englishMessage(note)];
    if (aligned) info.noteTexts = [...(info.noteTexts ?? []), note];
  }
}

/**
 * The dataset shapes a whole graph file is checked against: none for view-only graphs (GPT-3 is there to
 * be counted, not trained) or for a dataset the catalogue does not know (the layer shapes still show).
 */
export function dataShapesForGraph(graph: Pick<GraphFile, 'dataset' | 'extras'>): DatasetShapes | undefined {
  if (graph.extras?.viewOnly === true) return undefined;
  try {
    return datasetShapes(graph.dataset);
  } catch {
    return undefined;
  }
}

/** inferGraph for a whole file, checked against its own dataset settings. */
export function inferGraphFile(graph: GraphFile): GraphInference {
  return inferGraph(graph, dataShapesForGraph(graph));
}

/** Input nodes must match the dataset's features, Output nodes its targets. */
function checkAgainstData(
  node: GraphNode,
  params: Record<string, unknown>,
  shapes: Shape[][],
  info: NodeInference,
  data: DatasetShapes,
  fail: (nodeId: string, id: LayerMessageId, values: MessageValues, fixes?: Fix[]) => void,
): void {
  if (node.kind === 'Input') {
    const feature = String(params.feature ?? 'x');
    const want = data.features[feature];
    const have = info.outputs[0];
    if (!want) {
      const names = Object.keys(data.features);
      fail(node.id, 'dataNoFeature', { feature, names: names.map((n) => `'${n}'`).join(', ') },
        names.map((n) => messageFix('fixUseName', { name: n }, { type: 'setParam', param: 'feature', value: n })));
    } else if (have && !sameShape(have, want)) {
      const fixes: Fix[] = want.every((d) => d !== null)
        ? [messageFix('fixSetShape', { shape: formatShape(want) }, { type: 'setParam', param: 'shape', value: want as number[] })]
        : [];
      fail(node.id, 'dataInputShape', { feature, want: formatShape(want), have: formatShape(have) }, fixes);
    }
  } else if (node.kind === 'Output') {
    const target = String(params.target ?? 'y');
    const want = data.targets[target];
    const have = shapes[0]?.[0];
    if (!want) {
      const names = Object.keys(data.targets);
      fail(node.id, 'dataNoTarget', { target, names: names.map((n) => `'${n}'`).join(', ') },
        names.map((n) => messageFix('fixUseName', { name: n }, { type: 'setParam', param: 'target', value: n })));
    } else if (have && !sameShape(have, want)) {
      const values = { have: formatShape(have), target, want: formatShape(want), units: want[want.length - 1] ?? '?' };
      if (data.numClasses) fail(node.id, 'dataOutputShapeClasses', { ...values, classes: data.numClasses });
      else fail(node.id, 'dataOutputShape', values);
    }
  }
}

/** Human-readable parameter count: 1,333,770 -> "1.33M" (locale digits: shared/i18n/format.ts). */
export { formatCount } from './i18n/format';
