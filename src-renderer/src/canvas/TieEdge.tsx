// Links between nodes that are not wires (a Tied Dense head and the Embedding whose matrix it reuses): a dashed
// arc under the two nodes, labelled with what the link means. Derived from the graph's NodeRefParams on
// every render, never stored in graph.edges: it cannot be selected, deleted or wired, and inference and
// training never see it as an input.
import { memo, useMemo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, useStore, type Edge, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import type { GraphFile } from '../../../shared/graph/types';
import { nodeLinks } from '../../../shared/graph/links';
import { paramText } from '../../../shared/i18n/layer-text';
import { useLayerText } from '../layer-text/useLayerText';
import './canvas.css';

export type TieEdgeData = { label: string; title: string };
export type TieFlowEdge = Edge<TieEdgeData, 'tie'>;

/** Link edge ids start with this; graph edge ids never do (they come from shared/graph/ids). */
export const TIE_ID_PREFIX = 'link:';

/** One dashed link per set NodeRefParam whose node exists, from the linked node to the one naming it. */
export function tieFlowEdges(graph: Pick<GraphFile, 'nodes'>): TieFlowEdge[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return nodeLinks(graph)
    .filter((l) => byId.has(l.to))
    .map((l) => ({
      id: `${TIE_ID_PREFIX}${l.from}.${l.param}`,
      type: 'tie',
      source: l.to,
      target: l.from,
      selectable: false,
      deletable: false,
      focusable: false,
      data: { label: paramText(byId.get(l.from)!.kind, l.param, 'link'), title: `${byId.get(l.from)!.label || l.from} ${l.spec.label.toLowerCase()} ${byId.get(l.to)!.label || l.to}: a link, not a wire` },
    }));
}

/** The links of the graph, as the same objects while they stay the same (a drag does not re-render them). */
export function useTieEdges(graph: Pick<GraphFile, 'nodes'>): TieFlowEdge[] {
  useLayerText(); // the link labels follow the language
  const edges = tieFlowEdges(graph);
  const key = JSON.stringify(edges.map((e) => [e.id, e.source, e.target, e.data]));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, not the fresh array
  return useMemo(() => edges, [key]);
}

type Box = { x: number; y: number; w: number; h: number };

/** The rectangles of the visible nodes (canvas coordinates), as one string while they stay the same. */
const nodeBoxesKey = (s: ReactFlowState) =>
  JSON.stringify(
    [...s.nodeLookup.values()]
      .filter((n) => !n.hidden)
      .map((n) => [Math.round(n.internals.positionAbsolute.x), Math.round(n.internals.positionAbsolute.y), Math.round(n.measured.width ?? 0), Math.round(n.measured.height ?? 0)]),
  );

/** A point of the cubic Bezier (p0, p1, p2, p3) at t. */
function bezier(t: number, p: [number, number][]): [number, number] {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [w.reduce((a, k, i) => a + k * p[i][0], 0), w.reduce((a, k, i) => a + k * p[i][1], 0)];
}

/** Approximate size of the label box (canvas units), with a margin: enough to keep it off a node. */
const LABEL_HALF_W = 52;
const LABEL_HALF_H = 14;

/**
 * Where on the arc the label goes: its lowest point unless a node sits there (the arc can dip into the next
 * row of a wrapped layout), then the nearest point along the arc that is clear of every node.
 */
function labelSpot(curve: [number, number][], boxes: Box[]): [number, number] {
  const clear = ([x, y]: [number, number]) =>
    boxes.every((b) => x + LABEL_HALF_W < b.x || x - LABEL_HALF_W > b.x + b.w || y + LABEL_HALF_H < b.y || y - LABEL_HALF_H > b.y + b.h);
  for (const t of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9]) {
    const p = bezier(t, curve);
    if (clear(p)) return p;
  }
  return bezier(0.5, curve);
}

function TieEdgeView({ id, source, target, data }: EdgeProps<TieFlowEdge>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  const boxesKey = useStore(nodeBoxesKey);
  const boxes = useMemo(() => (JSON.parse(boxesKey) as number[][]).map(([x, y, w, h]) => ({ x, y, w, h })), [boxesKey]);
  if (!from || !to || from.hidden || to.hidden) return null;
  // Bottom centres of the two nodes, joined by an arc below them that clears the wires between.
  const sx = from.internals.positionAbsolute.x + (from.measured.width ?? 0) / 2;
  const sy = from.internals.positionAbsolute.y + (from.measured.height ?? 0);
  const tx = to.internals.positionAbsolute.x + (to.measured.width ?? 0) / 2;
  const ty = to.internals.positionAbsolute.y + (to.measured.height ?? 0);
  const depth = 40 + 0.12 * Math.abs(tx - sx);
  const curve: [number, number][] = [[sx, sy], [sx, sy + depth], [tx, ty + depth], [tx, ty]];
  const path = `M ${sx} ${sy} C ${sx} ${sy + depth}, ${tx} ${ty + depth}, ${tx} ${ty}`;
  const [lx, ly] = labelSpot(curve, boxes);
  return (
    <>
      <BaseEdge id={id} path={path} className="ll-tie-edge" style={{ stroke: '#c084fc', strokeWidth: 1.75, strokeDasharray: '6 5' }} />
      <EdgeLabelRenderer>
        <div className="ll-edge-label-anchor" style={{ left: lx, top: ly }}>
          <div className="ll-edge-label ll-tie-label nodrag nopan" title={data?.title} data-testid={`tie-${id}`}>
            {data?.label}
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const TieEdge = memo(TieEdgeView);
