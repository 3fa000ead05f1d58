// Positions that are only placeholders. The app lays a graph out (layered, with elkjs, in the renderer:
// src-renderer/src/canvas/layout) when it opens a template, a file whose nodes overlap or have no
// positions, or a graph whose producer marked it here (the model importer: its positions are a rough
// column layout). Saving after the layout writes real positions and drops the mark.
import type { GraphFile } from './types';

const MARK = 'autoLayout';

/** The graph, marked to be laid out when it is opened. */
export function markForAutoLayout(graph: GraphFile): GraphFile {
  return { ...graph, extras: { ...graph.extras, [MARK]: true } };
}

export function wantsAutoLayout(graph: Pick<GraphFile, 'extras'>): boolean {
  return graph.extras?.[MARK] === true;
}

/** The graph without the mark (after it has been laid out). */
export function withoutAutoLayoutMark(graph: GraphFile): GraphFile {
  if (!graph.extras || !(MARK in graph.extras)) return graph;
  const { [MARK]: _, ...extras } = graph.extras;
  return Object.keys(extras).length === 0 ? { ...graph, extras: undefined } : { ...graph, extras };
}
