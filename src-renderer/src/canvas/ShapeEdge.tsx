// A wire labelled with the tensor shape it carries (or "?" when unknown).
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { formatShape } from '../../../shared/layers/types';
import type { ShapeFlowEdge } from '../store/toFlow';
import { HANDLE_COLORS } from './handleColors';

export function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const shape = data?.shape ?? null;
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
        <div
          className={`ll-edge-label nodrag nopan${shape ? '' : ' unknown'}${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${id}`}
        >
          {shape ? formatShape(shape) : '?'}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
