// One layer on the canvas: title, key parameters, parameter count, output shape, and the inference
// error in red with its one-click fixes. Input handles left, output handles right.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatShape, type HandleSpec } from '../../../shared/layers/types';
import { formatCount } from '../../../shared/infer';
import type { LayerFlowNode } from '../store/toFlow';
import { useGraphStore } from '../store/stores';
import { HANDLE_COLORS } from './handleColors';

function handleTop(i: number, n: number): string {
  return `${((i + 1) / (n + 1)) * 100}%`;
}

function HandleList({ handles, type }: { handles: HandleSpec[]; type: 'source' | 'target' }) {
  const position = type === 'target' ? Position.Left : Position.Right;
  return (
    <>
      {handles.map((h, i) => (
        <Handle
          key={h.id}
          id={h.id}
          type={type}
          position={position}
          style={{ top: handleTop(i, handles.length), background: HANDLE_COLORS[h.kind] }}
          className={`ll-handle ll-handle-${h.kind}${h.optional ? ' ll-handle-optional' : ''}`}
          title={`${h.label} (${h.kind}${h.optional ? ', optional' : ''}${h.multiple ? ', several wires' : ''})`}
          data-testid={`handle-${type === 'target' ? 'in' : 'out'}-${h.id}`}
        >
          {handles.length > 1 && <span className={`ll-handle-label ll-handle-label-${type}`}>{h.label}</span>}
        </Handle>
      ))}
    </>
  );
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const applyFix = useGraphStore((s) => s.applyFix);
  const info = data.info;
  const error = info?.error;
  const category = data.def?.category ?? 'Unknown';
  const outShapes = (info?.outputs ?? []).filter((s) => s !== null);
  return (
    <div
      className={`ll-node${selected ? ' selected' : ''}${error ? ' has-error' : ''}`}
      data-testid={`node-${id}`}
      data-kind={data.kind}
      data-error={error ? 'true' : 'false'}
      data-params={info?.params ?? 0}
      aria-label={`${data.title} layer${error ? ', has an error' : ''}`}
    >
      <HandleList handles={data.inputs} type="target" />
      <div className="ll-node-head" data-category={category}>
        <span className="ll-node-title">{data.title}</span>
        {data.title !== data.kind && <span className="ll-node-kind">{data.kind}</span>}
      </div>
      <div className="ll-node-body">
        {data.summary && <div className="ll-node-summary">{data.summary}</div>}
        <div className="ll-node-meta">
          <span data-testid={`node-params-${id}`} title={`${(info?.params ?? 0).toLocaleString('en-US')} parameters`}>
            {formatCount(info?.params ?? 0)} params
          </span>
          {outShapes.length > 0 && (
            <span className="ll-node-shape" data-testid={`node-shape-${id}`} title="Output shape">
              {outShapes.map((s) => formatShape(s)).join(' ')}
            </span>
          )}
        </div>
        {info?.notes?.map((n, i) => (
          <div key={i} className="ll-node-note">
            {n}
          </div>
        ))}
        {error && (
          <div className="ll-node-error" role="alert" data-testid={`node-error-${id}`}>
            <div>{error.message}</div>
            {error.fixes.length > 0 && (
              <div className="ll-fixes">
                {error.fixes.map((f, i) => (
                  <button
                    key={i}
                    type="button"
                    className="ll-fix nodrag"
                    data-testid={`fix-${id}-${i}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      applyFix(id, f.action);
                    }}
                  >
                    {f.label}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
      </div>
      <HandleList handles={data.outputs} type="source" />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
