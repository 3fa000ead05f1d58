// The layer kinds a graph uses, in the order data meets them, with the node to jump to for each kind's help.
import type { GraphFile } from '../../../shared/graph/types';
import type { LayerDef } from '../../../shared/layers/types';
import { getLayerDef } from '../../../shared/layers';
import { topologicalOrder } from '../../../shared/graph/topo';

export interface LayerUse {
  def: LayerDef;
  /** The first node of this kind (selecting it shows the layer's help in the inspector). */
  nodeId: string;
  count: number;
}

/** Distinct kinds in topological order; Input and Output (no formula) and unknown kinds are left out. */
export function layersUsed(graph: Pick<GraphFile, 'nodes' | 'edges'>): LayerUse[] {
  const { order, cyclic } = topologicalOrder(graph.nodes, graph.edges);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const uses = new Map<string, LayerUse>();
  for (const id of [...order, ...cyclic]) {
    const node = byId.get(id);
    if (!node || node.kind === 'Input' || node.kind === 'Output') continue;
    const def = getLayerDef(node.kind);
    if (!def) continue;
    const use = uses.get(node.kind);
    if (use) use.count++;
    else uses.set(node.kind, { def, nodeId: node.id, count: 1 });
  }
  return [...uses.values()];
}
