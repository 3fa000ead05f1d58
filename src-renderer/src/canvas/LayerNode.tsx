// One layer on the canvas: title, key parameters, parameter count, output shape, and the inference
// error in red with its one-click fixes. Input handles left, output handles right.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatShape, type HandleSpec } from '../../../shared/layers/types';
import { formatCount } from '../../../shared/infer';
import { nodeView, type LayerFlowNode } from '../store/toFlow';
import { useGraphStore } from '../store/stores';
import { HANDLE_COLORS } from './handleColors';
import { useBlockChip } from '../editor/collapse';
import { useEditor } from '../editor/editorStore';
import { useInspect } from '../inspect/inspectStore';
import { useLayerText } from '../layer-text/useLayerText';
import { useCachedText } from './textCache';

// Number.toLocaleString builds a formatter per call; with 300 nodes re-rendering after an edit that was the
// single largest cost. Same strings, formatted once per distinct count.
const EN_US = new Intl.NumberFormat('en-US');
const countText = new Map<number, { short: string; full: string }>();
export function paramsText(n: number): { short: string; full: string } {
  let t = countText.get(n);
  if (!t) {
    if (countText.size > 5000) countText.clear();
    t = { short: formatCount(n), full: EN_US.format(n) };
    countText.set(n, t);
  }
  return t;
}

// One style object per kind: React Flow's Handle is memoised, and a fresh object per render would
// re-render every handle of every node after an edit that only changed a shape.
const HANDLE_STYLES = Object.fromEntries(Object.entries(HANDLE_COLORS).map(([kind, color]) => [kind, { background: color }])) as Record<HandleSpec['kind'], { background: string }>;

/** Handle kinds by what flows through them, as catalogue keys. */
const HANDLE_KIND_KEY = {
  tensor: 'editor:canvas.handle.kind.tensor',
  sequence: 'editor:canvas.handle.kind.sequence',
  state: 'editor:canvas.handle.kind.state',
} as const satisfies Record<HandleSpec['kind'], string>;

export const NodeHandle = memo(function NodeHandle({ h, type }: { h: HandleSpec; type: 'source' | 'target' }) {
  const { t } = useTranslation(['editor']);
  const cached = useCachedText();
  return (
    <Handle
      id={h.id}
      type={type}
      position={type === 'target' ? Position.Left : Position.Right}
      style={HANDLE_STYLES[h.kind]}
      className={`ll-handle ll-handle-${h.kind}${h.optional ? ' ll-handle-optional' : ''}`}
      title={cached(`handle\u0000${h.label}\u0000${h.kind}\u0000${!!h.optional}\u0000${!!h.multiple}`, () =>
        t('editor:canvas.handle.title', {
          label: h.label,
          kind: t(HANDLE_KIND_KEY[h.kind]),
          optional: h.optional ? t('editor:canvas.handle.optional') : '',
          multiple: h.multiple ? t('editor:canvas.handle.multiple') : '',
        }),
      )}
      data-testid={`handle-${type === 'target' ? 'in' : 'out'}-${h.id}`}
    />
  );
});

/**
 * Several inputs or outputs: one labelled row per port, each handle in its row. A single in/out pair
 * sits on the title row instead. Either way a node that grows (an error message) keeps its wires still.
 */
export function Ports({ inputs, outputs }: { inputs: HandleSpec[]; outputs: HandleSpec[] }) {
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className="ll-ports">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="ll-port-row">
          <span className="ll-port-in">
            {inputs[i] && (
              <>
                <NodeHandle h={inputs[i]} type="target" />
                {inputs[i].label}
                {inputs[i].optional ? '?' : ''}
              </>
            )}
          </span>
          <span className="ll-port-out">
            {outputs[i] && (
              <>
                {outputs[i].label}
                <NodeHandle h={outputs[i]} type="source" />
              </>
            )}
          </span>
        </div>
      ))}
    </div>
  );
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { t } = useTranslation(['editor']);
  const cached = useCachedText();
  const applyFix = useGraphStore((s) => s.applyFix);
  const text = useLayerText(); // re-renders the title and summary when the language changes
  const chip = useBlockChip(id);
  // From the store, not the flow data: a parameter edit or a shape change upstream re-renders this node
  // alone, without a React Flow update (see toFlow.ts).
  const info = useGraphStore((s) => s.inference.nodes[id]);
  const graphNode = useGraphStore((s) => s.nodeById[id]);
  const inspected = useInspect((s) => s.shownNodeId === id);
  if (!graphNode) return null; // removed in this very update; React Flow drops the node next
  const { def, title, summary } = nodeView(graphNode);
  const error = info?.error;
  const category = def?.category ?? 'Unknown';
  const outShapes = (info?.outputs ?? []).filter((s) => s !== null);
  const manyPorts = data.inputs.length > 1 || data.outputs.length > 1;
  const customLabel = def !== undefined && title !== text.layer(def.kind, 'label');
  return (
    <div
      className={`ll-node${selected ? ' selected' : ''}${error ? ' has-error' : ''}${inspected ? ' inspected' : ''}`}
      data-testid={`node-${id}`}
      data-inspected={inspected ? 'true' : undefined}
      data-kind={data.kind}
      data-error={error ? 'true' : 'false'}
      data-params={info?.params ?? 0}
      aria-label={error ? t('editor:canvas.node.ariaError', { title }) : cached(`aria\u0000${title}`, () => t('editor:canvas.node.aria', { title }))}
    >
      <div className="ll-node-head" data-category={category}>
        {!manyPorts && data.inputs[0] && <NodeHandle h={data.inputs[0]} type="target" />}
        <span className="ll-node-title">{title}</span>
        {customLabel && <span className="ll-node-kind">{text.layer(def!.kind, 'label')}</span>}
        {chip && (
          <button
            type="button"
            className={`ll-block-chip nodrag${chip.collapsed ? ' collapsed' : ''}`}
            data-testid={`block-toggle-${id}`}
            title={chip.count > 1 ? t('editor:canvas.node.repeatedChipTitle', { times: chip.count }) : t('editor:canvas.node.blockChipTitle')}
            onClick={(e) => {
              e.stopPropagation();
              useEditor.getState().toggleBlock(chip.blockId);
            }}
          >
            {chip.count > 1 ? `×${chip.count} ` : ''}{chip.collapsed ? '▸' : '▾'}
          </button>
        )}
        {!manyPorts && data.outputs[0] && <NodeHandle h={data.outputs[0]} type="source" />}
      </div>
      {manyPorts && <Ports inputs={data.inputs} outputs={data.outputs} />}
      <div className="ll-node-body">
        {summary && <div className="ll-node-summary">{summary}</div>}
        <div className="ll-node-meta">
          <span data-testid={`node-params-${id}`} title={cached(`paramsFull\u0000${info?.params ?? 0}`, () => t('editor:canvas.node.paramsFull', { value: paramsText(info?.params ?? 0).full }))}>
            {cached(`paramsShort\u0000${info?.params ?? 0}`, () => t('editor:canvas.node.paramsShort', { value: paramsText(info?.params ?? 0).short }))}
          </span>
          {outShapes.length > 0 && (
            <span className="ll-node-shape" data-testid={`node-shape-${id}`} title={cached('outputShape', () => t('editor:canvas.node.outputShape'))}>
              {outShapes.map((s) => formatShape(s)).join(' ')}
            </span>
          )}
        </div>
        {info?.notes?.map((_, i) => (
          <div key={i} className="ll-node-note" title={text.note(info, i)}>
            {text.note(info, i)}
          </div>
        ))}
        {error && (
          <div className="ll-node-error" role="alert" data-testid={`node-error-${id}`}>
            <div>{text.error(error)}</div>
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
                    {text.fix(f)}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
