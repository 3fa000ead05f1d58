// A collapsed block on the canvas: one node standing for every layer of a repeated block (all its repeats),
// with the block's name, how many times it repeats, its parameter count and output shape. Its chip (or a
// double-click) expands it back into its layers.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeProps } from '@xyflow/react';
import { formatShape } from '../../../shared/layers/types';
import { useGraphStore } from '../store/stores';
import { useEditor } from '../editor/editorStore';
import type { BlockFlowNode } from '../editor/collapse';
import { NodeHandle, Ports, paramsText } from './LayerNode';

function BlockNodeView({ data }: NodeProps<BlockFlowNode>) {
  const { t } = useTranslation(['editor']);
  const params = useGraphStore((s) => data.members.reduce((sum, m) => sum + (s.inference.nodes[m]?.params ?? 0), 0));
  const shape = useGraphStore((s) => s.inference.nodes[data.exit]?.outputs[0] ?? null);
  const expand = () => useEditor.getState().toggleBlock(data.blockId);
  const manyPorts = data.outputs.length > 1;
  const layers = t('editor:canvas.block.layers', { count: data.layers });
  const what = data.count > 1 ? t('editor:canvas.block.repeatsOf', { times: data.count, layers }) : layers;
  return (
    <div
      className={`ll-node ll-block-node${data.hasError ? ' has-error' : ''}`}
      data-testid={`block-node-${data.blockId}`}
      data-kind="Block"
      data-error={data.hasError ? 'true' : 'false'}
      data-params={params}
      aria-label={data.hasError ? t('editor:canvas.block.ariaError', { label: data.label, what }) : t('editor:canvas.block.aria', { label: data.label, what })}
      onDoubleClick={(e) => {
        e.stopPropagation();
        expand();
      }}
    >
      <div className="ll-node-head" data-category="Block">
        {!manyPorts && <NodeHandle h={data.inputs[0]} type="target" />}
        <span className="ll-node-title">{data.label}</span>
        <button
          type="button"
          className="ll-block-chip collapsed nodrag"
          data-testid={`block-toggle-${data.exit}`}
          title={t('editor:canvas.block.expandTitle', { what })}
          onClick={(e) => {
            e.stopPropagation();
            expand();
          }}
        >
          {data.count > 1 ? `×${data.count} ` : ''}▸
        </button>
        {!manyPorts && <NodeHandle h={data.outputs[0]} type="source" />}
      </div>
      {manyPorts && <Ports inputs={data.inputs} outputs={data.outputs} />}
      <div className="ll-node-body">
        <div className="ll-node-summary">{what}</div>
        <div className="ll-node-meta">
          <span title={t('editor:canvas.node.paramsFull', { value: paramsText(params).full })}>{t('editor:canvas.node.paramsShort', { value: paramsText(params).short })}</span>
          {shape && (
            <span className="ll-node-shape" title={t('editor:canvas.node.outputShape')}>
              {formatShape(shape)}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
