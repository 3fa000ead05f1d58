// Which graph a run belongs to. Every document gets a stable id in graph.extras.graphId when it is created
// (New, a template, an import) or first opened without one (files from before ids existed); saving keeps it,
// so a reopened file finds its runs. Runs record the id through the graph snapshot they train (RunSummary
// .graphId). The id names a document, not its content: editing keeps it, opening a template again starts a
// new document with a new id.
import type { GraphFile } from './types';

export const GRAPH_ID_KEY = 'graphId';

const GRAPH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The graph's id, or null when it has none (or a malformed one). */
export function graphIdOf(graph: Pick<GraphFile, 'extras'> | null | undefined): string | null {
  const id = graph?.extras?.[GRAPH_ID_KEY];
  return typeof id === 'string' && GRAPH_ID.test(id) ? id : null;
}

/** A fresh random id, e.g. "g-k3x9q2m7a1". */
export function newGraphId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return `g-${s}`;
}

/** The graph with an id: itself when it has one, else a copy with a fresh id. */
export function ensureGraphId<G extends Pick<GraphFile, 'extras'>>(graph: G, makeId: () => string = newGraphId): G {
  if (graphIdOf(graph)) return graph;
  return { ...graph, extras: { ...graph.extras, [GRAPH_ID_KEY]: makeId() } };
}

/** The graph with a fresh id, for a new document made from another one (a template). */
export function withNewGraphId<G extends Pick<GraphFile, 'extras'>>(graph: G, makeId: () => string = newGraphId): G {
  return { ...graph, extras: { ...graph.extras, [GRAPH_ID_KEY]: makeId() } };
}
