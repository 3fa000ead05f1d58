// A wire labelled with the tensor shape it carries (or "?" when unknown). The label sits right after the
// source's output handle, in the room the layout keeps there, so no node ever covers it; hovering it shows
// the shape in full. A wire that runs backwards (from the end of one row of a wrapped layout to the start
// of the next) goes around between the rows instead of across them.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { formatShape } from '../../../shared/layers/types';
import type { ShapeFlowEdge } from '../store/toFlow';
import { HANDLE_COLORS } from './handleColors';
import { useGraphStore } from '../store/stores';
import { useWireRoutes } from './layout/arrange';
import { LABEL_GAP } from './layout/engine';
import { aroundPath } from './wirePaths';
import { useCachedText } from './textCache';
import './canvas.css';

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { t } = useTranslation(['editor']);
  const cached = useCachedText();
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const route = useWireRoutes((s) => s.routes[id]);
  const backwards = targetX < sourceX;
  const path = backwards
    ? aroundPath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, route?.y)
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  // From the store by id, not the flow data: a new shape re-renders this wire's label alone (see toFlow.ts).
  const shape = useGraphStore((s) => s.inference.edges[data?.shapeOf ?? id] ?? null);
  const color = HANDLE_COLORS[data?.kind ?? 'tensor'];
  const text = shape ? formatShape(shape) : '?';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: selected ? '#f8fafc' : color, strokeWidth: selected ? 2.5 : 1.75, opacity: shape ? 1 : 0.6, strokeDasharray: shape ? undefined : '5 4' }}
      />
      <EdgeLabelRenderer>
        {/* A zero-size flex anchor places the label without a CSS transform: hundreds of transformed labels
            each need their own compositing property node, which made every pan frame slower (issue 8). */}
        <div className="ll-edge-label-anchor at-source" style={{ left: sourceX + LABEL_GAP, top: sourceY }}>
          <div
            className={`ll-edge-label nodrag nopan${shape ? '' : ' unknown'}${selected ? ' selected' : ''}`}
            data-testid={`edge-label-${id}`}
            title={shape ? cached(`shapeTitle\u0000${text}`, () => t('editor:canvas.edge.shapeTitle', { shape: text })) : t('editor:canvas.edge.unknownTitle')}
          >
            {text}
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised: React Flow re-renders an edge wrapper when its end nodes move; unchanged props skip the label. */
export const ShapeEdge = memo(ShapeEdgeView);
