// For the layout tests: a layout request for a graph file, handles where its wires attach and node sizes varied
// like measured nodes, without a browser to measure them.
import type { GraphFile } from '../../../../shared/graph/types';
import type { LayoutNode, LayoutRequest } from './engine';

export interface RequestShape {
  /** The canvas area the view is chosen for. */
  view: { width: number; height: number };
  /** Extra height per input handle (a node with several inputs is taller, as drawn). */
  heightPerInput?: number;
}

export function layoutRequestOf(g: Pick<GraphFile, 'nodes' | 'edges'>, { view, heightPerInput = 0 }: RequestShape): LayoutRequest {
  const nodes: LayoutNode[] = g.nodes.map((n, i) => {
    const ins = [...new Set(g.edges.filter((e) => e.target === n.id).map((e) => e.targetHandle))];
    const outs = [...new Set(g.edges.filter((e) => e.source === n.id).map((e) => e.sourceHandle))];
    return {
      id: n.id,
      width: 120 + (n.kind.length % 7) * 14,
      height: 54 + (i % 3) * 12 + ins.length * heightPerInput,
      inputs: ins.map((id, k) => ({ id, y: 18 + k * 16 })),
      outputs: outs.map((id, k) => ({ id, y: 18 + k * 16 })),
      labelWidth: outs.length ? 40 + (i % 4) * 9 : 0,
    };
  });
  return { nodes, edges: g.edges, view, readableZoom: 11 / 15, maxZoom: 1 };
}
