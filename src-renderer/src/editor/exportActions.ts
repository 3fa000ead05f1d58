// Export the current canvas as SVG or PNG downloads.
import type { ReactFlowInstance } from '@xyflow/react';
import { useGraphStore, useUi } from '../store/stores';
import { buildSvg, DARK_EXPORT, LIGHT_EXPORT, svgToPng, type HandleLocator } from '../files/exportImage';
import { downloadBlob } from '../files/download';
import { graphFileName } from '../files/names';
import { GRAPH_FILE_EXTENSION } from '../../../shared/graph/types';
import type { ShapeFlowEdge } from '../store/toFlow';
import { useEditor } from './editorStore';
import type { CanvasNode } from './collapse';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

type Flow = Pick<ReactFlowInstance<CanvasNode, ShapeFlowEdge>, 'getInternalNode'>;

function locator(flow: Flow): HandleLocator {
  return (nodeId, type, handleId) => {
    const n = flow.getInternalNode(nodeId);
    const h = n?.internals.handleBounds?.[type]?.find((b) => b.id === handleId);
    if (!n || !h) return null;
    const p = n.internals.positionAbsolute;
    return { x: p.x + h.x + h.width / 2, y: p.y + h.y + h.height / 2 };
  };
}

function baseFileName(): string {
  return graphFileName(useGraphStore.getState().graph.name).slice(0, -GRAPH_FILE_EXTENSION.length);
}

function render(flow: Flow) {
  const { nodes, edges, graph, inference } = useGraphStore.getState();
  const colors = useEditor.getState().theme === 'light' ? LIGHT_EXPORT : DARK_EXPORT;
  return buildSvg(nodes, edges, graph, inference, colors, locator(flow));
}

export function exportSvg(flow: Flow): void {
  const name = `${baseFileName()}.svg`;
  downloadBlob(new Blob([render(flow).svg], { type: 'image/svg+xml' }), name);
  useUi.getState().toast(i18n.t('editor:editor.exported', { name }));
}

export async function exportPng(flow: Flow): Promise<void> {
  const name = `${baseFileName()}.png`;
  try {
    downloadBlob(await svgToPng(render(flow)), name);
    useUi.getState().toast(i18n.t('editor:editor.exported', { name }));
  } catch (err) {
    useUi.getState().showError(i18n.t('editor:editor.exportPngFailed'), errorText(err));
  }
}
