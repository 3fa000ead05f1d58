// What the layout needs to know about the canvas as drawn: every visible node's measured box and handle
// positions (React Flow measures them), and the width of the shape label each output writes on its wires
// (measured with the label's own CSS, so the room the layout reserves is exactly what is drawn).
import type { InternalNode } from '@xyflow/react';
import { formatShape } from '../../../../shared/layers/types';
import type { GraphInference } from '../../../../shared/infer';
import type { ShapeFlowEdge } from '../../store/toFlow';
import type { CanvasNode } from '../../editor/collapse';
import type { LayoutEdge, LayoutNode, LayoutPort } from './engine';

let probe: HTMLDivElement | null = null;
const widths = new Map<string, number>();

/** Width (px, unzoomed) of a wire label showing `text`, as ShapeEdge draws it. */
export function labelWidth(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    if (!probe) {
      probe = document.createElement('div');
      probe.className = 'll-edge-label ll-edge-label-probe';
      probe.setAttribute('aria-hidden', 'true');
      document.body.appendChild(probe);
    }
    probe.textContent = text;
    w = Math.ceil(probe.getBoundingClientRect().width);
    if (widths.size > 2000) widths.clear();
    widths.set(text, w);
  }
  return w;
}

/** The text a wire's label shows (the shape the source handle puts out). */
export function labelText(edge: ShapeFlowEdge, inference: GraphInference): string {
  const shape = inference.edges[edge.data?.shapeOf ?? edge.id] ?? null;
  return shape ? formatShape(shape) : '?';
}

type Lookup = (id: string) => InternalNode<CanvasNode> | undefined;

function ports(handles: { id?: string | null; y: number; height: number }[] | undefined): LayoutPort[] {
  return (handles ?? []).map((h) => ({ id: h.id ?? 'out', y: h.y + h.height / 2 }));
}

/**
 * The layout's view of the visible nodes and wires; null while some visible node is not measured yet.
 * Hidden nodes (copies inside a collapsed block) and the wires to them are left out.
 */
export function measureGraph(
  nodes: CanvasNode[],
  edges: ShapeFlowEdge[],
  inference: GraphInference,
  lookup: Lookup,
): { nodes: LayoutNode[]; edges: LayoutEdge[] } | null {
  const visible = new Set<string>();
  const out: LayoutNode[] = [];
  const labelOf = new Map<string, number>();
  const layoutEdges: LayoutEdge[] = [];
  for (const n of nodes) if (!n.hidden) visible.add(n.id);
  for (const e of edges) {
    if (e.hidden || !visible.has(e.source) || !visible.has(e.target)) continue;
    layoutEdges.push({ id: e.id, source: e.source, sourceHandle: e.sourceHandle ?? 'out', target: e.target, targetHandle: e.targetHandle ?? 'in' });
    const w = labelWidth(labelText(e, inference));
    labelOf.set(e.source, Math.max(labelOf.get(e.source) ?? 0, w));
  }
  for (const n of nodes) {
    if (!visible.has(n.id)) continue;
    const internal = lookup(n.id);
    const width = internal?.measured?.width;
    const height = internal?.measured?.height;
    if (!internal || !width || !height) return null;
    const bounds = internal.internals.handleBounds;
    const outputs = ports(bounds?.source ?? undefined);
    // Output handles stick out past the node's right edge; the label starts after them.
    const overhang = Math.max(0, ...(bounds?.source ?? []).map((h) => h.x + h.width - width));
    const text = labelOf.get(n.id) ?? 0;
    out.push({ id: n.id, width, height, inputs: ports(bounds?.target ?? undefined), outputs, labelWidth: text > 0 ? text + overhang : 0 });
  }
  return { nodes: out, edges: layoutEdges };
}

/** Boxes of visible nodes that overlap another (measured sizes), e.g. a file whose nodes have no positions. */
export function overlappingNodes(nodes: CanvasNode[], lookup: Lookup): string[] {
  const boxes = nodes
    .filter((n) => !n.hidden)
    .map((n) => {
      const m = lookup(n.id)?.measured;
      return { id: n.id, x: n.position.x, y: n.position.y, w: m?.width ?? 0, h: m?.height ?? 0 };
    })
    .sort((a, b) => a.x - b.x);
  const hits = new Set<string>();
  // Sweep along x: only boxes whose x ranges meet are compared.
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].x < a.x + a.w; j++) {
      const b = boxes[j];
      if (b.y < a.y + a.h && a.y < b.y + b.h) {
        hits.add(a.id);
        hits.add(b.id);
      }
    }
  }
  return [...hits];
}
