// Links between nodes that are not wires (a Tied Dense head and the Embedding whose matrix it reuses): a dashed
// arc under the two nodes, labelled with what the link means. Derived from the graph's NodeRefParams on
// every render, never stored in graph.edges: it cannot be selected, deleted or wired, and inference and
// training never see it as an input.
import { memo, useMemo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps } from '@xyflow/react';
import type { GraphFile } from '../../../shared/graph/types';
import { nodeLinks } from '../../../shared/graph/links';
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
      data: { label: l.spec.link, title: `${byId.get(l.from)!.label || l.from} ${l.spec.label.toLowerCase()} ${byId.get(l.to)!.label || l.to}: a link, not a wire` },
    }));
}

/** The links of the graph, as the same objects while they stay the same (a drag does not re-render them). */
export function useTieEdges(graph: Pick<GraphFile, 'nodes'>): TieFlowEdge[] {
  const edges = tieFlowEdges(graph);
  const key = JSON.stringify(edges.map((e) => [e.id, e.source, e.target, e.data]));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, not the fresh array
  return useMemo(() => edges, [key]);
}

function TieEdgeView({ id, source, target, data }: EdgeProps<TieFlowEdge>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || from.hidden || to.hidden) return null;
  // Bottom centres of the two nodes, joined by an arc below them that clears the wires between.
  const sx = from.internals.positionAbsolute.x + (from.measured.width ?? 0) / 2;
  const sy = from.internals.positionAbsolute.y + (from.measured.height ?? 0);
  const tx = to.internals.positionAbsolute.x + (to.measured.width ?? 0) / 2;
  const ty = to.internals.positionAbsolute.y + (to.measured.height ?? 0);
  const depth = 40 + 0.12 * Math.abs(tx - sx);
  const path = `M ${sx} ${sy} C ${sx} ${sy + depth}, ${tx} ${ty + depth}, ${tx} ${ty}`;
  return (
    <>
      <BaseEdge id={id} path={path} className="ll-tie-edge" style={{ stroke: '#c084fc', strokeWidth: 1.75, strokeDasharray: '6 5' }} />
      <EdgeLabelRenderer>
        <div className="ll-edge-label-anchor" style={{ left: (sx + tx) / 2, top: (sy + ty) / 2 + 0.75 * depth }}>
          <div className="ll-edge-label ll-tie-label nodrag nopan" title={data?.title} data-testid={`tie-${id}`}>
            {data?.label}
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const TieEdge = memo(TieEdgeView);
