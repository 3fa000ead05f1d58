// A wire labelled with the tensor shape it carries (or "?" when unknown).
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { formatShape } from '../../../shared/layers/types';
import type { ShapeFlowEdge } from '../store/toFlow';
import { HANDLE_COLORS } from './handleColors';
import { useGraphStore } from '../store/stores';
import './canvas.css';

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  // From the store by id, not the flow data: a new shape re-renders this wire's label alone (see toFlow.ts).
  const shape = useGraphStore((s) => s.inference.edges[data?.shapeOf ?? id] ?? null);
  const color = HANDLE_COLORS[data?.kind ?? 'tensor'];
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: selected ? '#f8fafc' : color, strokeWidth: selected ? 2.5 : 1.75, opacity: shape ? 1 : 0.6, strokeDasharray: shape ? undefined : '5 4' }}
      />
      <EdgeLabelRenderer>
        {/* A zero-size flex anchor centres the label on the wire without a CSS transform: hundreds of
            transformed labels each need their own compositing property node, which made every pan frame
            slower (issue 8). */}
        <div className="ll-edge-label-anchor" style={{ left: labelX, top: labelY }}>
          <div
            className={`ll-edge-label nodrag nopan${shape ? '' : ' unknown'}${selected ? ' selected' : ''}`}
            data-testid={`edge-label-${id}`}
          >
            {shape ? formatShape(shape) : '?'}
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised: React Flow re-renders an edge wrapper when its end nodes move; unchanged props skip the label. */
export const ShapeEdge = memo(ShapeEdgeView);
