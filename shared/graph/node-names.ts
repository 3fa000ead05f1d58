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

/** 'the "Hidden" Dense layer', 'the Output node', 'Dense layer 2 of 4' (counted along the wires). */
export function nodeName(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeId: string): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return `node '${nodeId}'`;
  const kind = getLayerDef(node.kind)?.label ?? node.kind;
  const what = node.kind === 'Input' || node.kind === 'Output' ? `${kind} node` : `${kind} layer`;
  if (node.label?.trim()) return `the "${node.label.trim()}" ${what}`;
  const same = topologicalOrder(graph.nodes, graph.edges).order.filter((id) => graph.nodes.find((n) => n.id === id)?.kind === node.kind);
  return same.length > 1 ? `${what} ${same.indexOf(node.id) + 1} of ${same.length}` : `the ${what}`;
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
