// Node labels that state how many stacked copies a node stands for ("48 x decoder block") follow the count:
// after an edit of the layer's countParam (a Transformer block's `layers`) the label reads "12 x decoder block".
import type { GraphFile, GraphNode } from './types';
import { getLayerDef } from '../layers';

const COUNT_PREFIX = /^(\s*)(\d+)(\s*[x×]\s*)/;

/** The node with a leading "N x" in its label set to its count parameter; the same object when nothing changes. */
export function withCountLabel(node: GraphNode): GraphNode {
  const param = getLayerDef(node.kind)?.countParam;
  const count = param ? node.params[param] : undefined;
  if (!node.label || typeof count !== 'number') return node;
  const m = COUNT_PREFIX.exec(node.label);
  if (!m || Number(m[2]) === count) return node;
  return { ...node, label: `${m[1]}${count}${m[3]}${node.label.slice(m[0].length)}` };
}

/** withCountLabel on every node; the same graph object when no label changes. */
export function withCountLabels(graph: GraphFile): GraphFile {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const next = withCountLabel(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...graph, nodes } : graph;
}
