// How messages name a node: by what the user sees on the canvas (its label, or its layer kind, numbered when
// the graph has several of that kind), not by its internal id ("output_1", or the tfjs layer name
// "n_dense_4" that engine errors quote). Pure.
import type { GraphFile } from './types';
import { getLayerDef } from '../layers';
import { topologicalOrder } from './topo';

/** The tfjs layer name the engine gives a node: unique and simple, whatever the node id is. */
export function layerNameFor(nodeId: string): string {
  return `n_${nodeId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** What names a node (nodeName words it in English; shared/i18n/node-name-text.ts in the UI's language). */
export type NodeNaming =
  | { form: 'missing'; nodeId: string }
  /** The user's own label: 'the "Hidden" Dense layer'. */
  | { form: 'labelled'; kind: string; isNode: boolean; label: string }
  /** One of several nodes of this kind, counted along the wires: 'Dense layer 2 of 4'. */
  | { form: 'numbered'; kind: string; isNode: boolean; index: number; count: number }
  /** The only node of this kind: 'the Output node'. */
  | { form: 'only'; kind: string; isNode: boolean };

/** How to name a node: by its label, else by its kind (numbered when the graph has several). */
export function nodeNaming(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeId: string): NodeNaming {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return { form: 'missing', nodeId };
  const base = { kind: node.kind, isNode: node.kind === 'Input' || node.kind === 'Output' };
  if (node.label?.trim()) return { form: 'labelled', ...base, label: node.label.trim() };
  const same = topologicalOrder(graph.nodes, graph.edges).order.filter((id) => graph.nodes.find((n) => n.id === id)?.kind === node.kind);
  return same.length > 1 ? { form: 'numbered', ...base, index: same.indexOf(node.id) + 1, count: same.length } : { form: 'only', ...base };
}

/** 'the "Hidden" Dense layer', 'the Output node', 'Dense layer 2 of 4' (counted along the wires), in English. */
export function nodeName(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeId: string): string {
  const n = nodeNaming(graph, nodeId);
  if (n.form === 'missing') return `node '${n.nodeId}'`;
  const what = `${getLayerDef(n.kind)?.label ?? n.kind} ${n.isNode ? 'node' : 'layer'}`;
  if (n.form === 'labelled') return `the "${n.label}" ${what}`;
  return n.form === 'numbered' ? `${what} ${n.index} of ${n.count}` : `the ${what}`;
}

/** The message with every tfjs layer name of a graph node replaced by the node's name. */
export function nameNodesIn(message: string, graph: Pick<GraphFile, 'nodes' | 'edges'>): string {
  const byLayer = new Map(graph.nodes.map((n) => [layerNameFor(n.id), n.id]));
  return message.replace(/\bn_[A-Za-z0-9_]+/g, (name) => {
    // tfjs appends "_input", "/kernel", ... to layer names: match the longest node layer name that prefixes it.
    for (let end = name.length; end > 2; end--) {
      const id = byLayer.get(name.slice(0, end));
      if (id) return `${nodeName(graph, id)}${name.slice(end)}`;
    }
    return name;
  });
}
