// Every node's layer definition, complete params and handles, and which upstream outputs feed each of its
// input handles (edges resolved to input slot and source output index). Pure (no tfjs), shared by the tfjs
// model builder and the code generators, which each turn a wire into their own thing (a symbolic tensor,
// a Python variable).
import type { GraphFile, GraphNode } from './types';
import type { HandleSpec, LayerDef, ParamValues } from '../layers/types';
import { getLayerDef, inputHandles, outputHandles, withDefaults } from '../layers';

export interface Wire {
  edgeId: string;
  sourceId: string;
  /** Index into the source node's output handles; -1 when the edge's sourceHandle is not one of them. */
  outputIndex: number;
  /** Index into the target node's input handles; -1 when the edge's targetHandle is not one of them. */
  slot: number;
}

export interface NodeWiring {
  node: GraphNode;
  /** Undefined for an unknown kind, which then has no params filled in and no handles. */
  def: LayerDef | undefined;
  /** node.params completed with the definition's defaults. */
  params: ParamValues;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  /** Every edge ending at the node, in edge order, resolved or not. */
  incoming: Wire[];
  /** Wires per input handle (edge order); wires with slot -1 are only in `incoming`. */
  slots: Wire[][];
}

/** Per node id: its incoming wires and which of them feed each input handle. Unknown kinds have no handles. */
export function resolveWiring(graph: Pick<GraphFile, 'nodes' | 'edges'>): Map<string, NodeWiring> {
  const wiring = new Map<string, NodeWiring>();
  for (const node of graph.nodes) {
    const def = getLayerDef(node.kind);
    const params = def ? withDefaults(def, node.params) : node.params;
    const inputs = def ? inputHandles(def, params) : [];
    const outputs = def ? outputHandles(def, params) : [];
    wiring.set(node.id, { node, def, params, inputs, outputs, incoming: [], slots: inputs.map(() => []) });
  }
  for (const e of graph.edges) {
    const target = wiring.get(e.target);
    if (!target) continue;
    const source = wiring.get(e.source);
    const wire: Wire = {
      edgeId: e.id,
      sourceId: e.source,
      outputIndex: source ? source.outputs.findIndex((h) => h.id === e.sourceHandle) : -1,
      slot: target.inputs.findIndex((h) => h.id === e.targetHandle),
    };
    target.incoming.push(wire);
    if (wire.slot >= 0) target.slots[wire.slot].push(wire);
  }
  return wiring;
}
