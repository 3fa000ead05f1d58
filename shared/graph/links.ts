// Links between nodes that are not wires: a NodeRefParam holds another node's id (a tied output head names
// the Embedding whose matrix it reuses). No tensor flows along a link, but the linked node must be built
// first, its parameters reach the linking node's inference, and copies of both keep pointing at each other.
import type { GraphFile, GraphNode } from './types';
import type { LayerDef, NodeRefParam } from '../layers/types';
import { getLayerDef } from '../layers';

export interface NodeLink {
  /** The node holding the reference (e.g. the tied head). */
  from: string;
  /** The node it names (e.g. the Embedding); may be missing from the graph (inference reports that). */
  to: string;
  param: string;
  spec: NodeRefParam;
}

/** The NodeRefParams of a layer kind, as [name, spec]. */
export function nodeRefParams(def: LayerDef | undefined): [string, NodeRefParam][] {
  if (!def) return [];
  return Object.entries(def.params).filter((e): e is [string, NodeRefParam] => e[1].type === 'node');
}

/** Every set link of the graph (empty references are left out). */
export function nodeLinks(graph: Pick<GraphFile, 'nodes'>): NodeLink[] {
  const links: NodeLink[] = [];
  for (const node of graph.nodes) {
    for (const [param, spec] of nodeRefParams(getLayerDef(node.kind))) {
      const to = node.params[param];
      if (typeof to === 'string' && to !== '') links.push({ from: node.id, to, param, spec });
    }
  }
  return links;
}

/** Links as ordering constraints (the linked node comes first), for a topological order. */
export function linkOrderEdges(graph: Pick<GraphFile, 'nodes'>): { source: string; target: string }[] {
  return nodeLinks(graph).map((l) => ({ source: l.to, target: l.from }));
}

/**
 * The node with its references renamed for a copy: a reference to a node that was copied along with it
 * points to that copy, any other reference stays as it was (a pasted head still shares the original matrix).
 */
export function renameRefs(node: GraphNode, rename: ReadonlyMap<string, string>): GraphNode {
  const refs = nodeRefParams(getLayerDef(node.kind));
  let params = node.params;
  for (const [param] of refs) {
    const to = params[param];
    const renamed = typeof to === 'string' ? rename.get(to) : undefined;
    if (renamed !== undefined) params = { ...params, [param]: renamed };
  }
  return params === node.params ? node : { ...node, params };
}
