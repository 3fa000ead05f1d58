// Export the canvas as SVG (built from node positions, sizes and wires, not a DOM screenshot) and PNG (that
// SVG drawn onto a canvas at 2x). Both show every node, so the picture is the whole graph, not the view.
import type { GraphFile } from '../../../shared/graph/types';
import type { GraphInference } from '../../../shared/infer';
import { getBezierPath, Position } from '@xyflow/react';
import { formatShape } from '../../../shared/layers/types';
import { formatCount } from '../../../shared/infer';
import { nodeView, type LayerFlowNode, type ShapeFlowEdge } from '../store/toFlow';
import { HANDLE_COLORS } from '../canvas/handleColors';
import { aroundPath } from '../canvas/wirePaths';
import { LABEL_GAP } from '../canvas/layout/engine';
import { i18n } from '../../../shared/i18n/i18n';

export interface ExportColors {
  background: string;
  node: string;
  border: string;
  text: string;
  muted: string;
  error: string;
}

export const DARK_EXPORT: ExportColors = { background: '#0b1120', node: '#111827', border: '#2c3a52', text: '#e2e8f0', muted: '#8b9ab1', error: '#f87171' };
export const LIGHT_EXPORT: ExportColors = { background: '#f8fafc', node: '#ffffff', border: '#cbd5e1', text: '#0f172a', muted: '#475569', error: '#dc2626' };

/** Handle centre in flow coordinates, when React Flow has measured it. */
export type HandleLocator = (nodeId: string, type: 'source' | 'target', handleId: string) => { x: number; y: number } | null;

const PAD = 40;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function size(n: LayerFlowNode): { w: number; h: number } {
  return { w: n.measured?.width ?? n.width ?? 180, h: n.measured?.height ?? n.height ?? 70 };
}

export interface SvgResult {
  svg: string;
  width: number;
  height: number;
}

export function buildSvg(
  nodes: LayerFlowNode[],
  edges: ShapeFlowEdge[],
  graph: Pick<GraphFile, 'nodes'>,
  inference: Pick<GraphInference, 'nodes' | 'edges'>,
  colors: ExportColors,
  locate: HandleLocator = () => null,
): SvgResult {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const graphNodes = new Map(graph.nodes.map((g) => [g.id, g]));
  const minX = Math.min(0, ...nodes.map((n) => n.position.x)) - PAD;
  const minY = Math.min(0, ...nodes.map((n) => n.position.y)) - PAD;
  const maxX = Math.max(...nodes.map((n) => n.position.x + size(n).w), 0) + PAD;
  const maxY = Math.max(...nodes.map((n) => n.position.y + size(n).h), 0) + PAD;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const font = 'font-family="Inter, system-ui, sans-serif"';
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}">`);
  parts.push(`<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="${colors.background}"/>`);

  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const sp = locate(e.source, 'source', e.sourceHandle ?? 'out') ?? { x: s.position.x + size(s).w, y: s.position.y + size(s).h / 2 };
    const tp = locate(e.target, 'target', e.targetHandle ?? 'in') ?? { x: t.position.x, y: t.position.y + size(t).h / 2 };
    // As on the canvas: a curve forward, around between the rows backward; the label right after the output.
    const path = tp.x < sp.x ? aroundPath(sp, tp) : getBezierPath({ sourceX: sp.x, sourceY: sp.y, targetX: tp.x, targetY: tp.y, sourcePosition: Position.Right, targetPosition: Position.Left })[0];
    const color = HANDLE_COLORS[e.data?.kind ?? 'tensor'];
    const shape = inference.edges[e.id] ?? null;
    parts.push(`<path class="edge" data-id="${esc(e.id)}" d="${path}" fill="none" stroke="${color}" stroke-width="1.75"${shape ? '' : ' stroke-dasharray="5 4"'}/>`);
    const label = shape ? formatShape(shape) : '?';
    const lw = label.length * 6.6 + 10;
    const lx = sp.x + LABEL_GAP;
    parts.push(
      `<g class="edge-label"><rect x="${lx}" y="${sp.y - 9}" width="${lw}" height="18" rx="4" fill="${colors.node}" stroke="${colors.border}"/>` +
        `<text x="${lx + lw / 2}" y="${sp.y + 4}" text-anchor="middle" font-size="11" ${font} fill="${colors.text}">${esc(label)}</text></g>`,
    );
  }

  for (const n of nodes) {
    const { w, h } = size(n);
    const { x, y } = n.position;
    const info = inference.nodes[n.id];
    const graphNode = graphNodes.get(n.id);
    const { title, summary } = graphNode ? nodeView(graphNode) : { title: n.data.kind, summary: '' };
    const err = info?.error;
    const shapes = (info?.outputs ?? []).filter((s) => s !== null).map((s) => formatShape(s!)).join(' ');
    parts.push(`<g class="node" data-id="${esc(n.id)}">`);
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="${colors.node}" stroke="${err ? colors.error : colors.border}" stroke-width="${err ? 2 : 1}"/>`);
    parts.push(`<text x="${x + 12}" y="${y + 20}" font-size="13" font-weight="600" ${font} fill="${colors.text}">${esc(title)}</text>`);
    if (summary) parts.push(`<text x="${x + 12}" y="${y + 38}" font-size="11" ${font} fill="${colors.muted}">${esc(summary)}</text>`);
    const meta = `${i18n.t('editor:canvas.node.paramsShort', { value: formatCount(info?.params ?? 0) })}${shapes ? `  ${shapes}` : ''}`;
    parts.push(`<text x="${x + 12}" y="${y + 54}" font-size="11" ${font} fill="${colors.muted}">${esc(meta)}</text>`);
    if (err) parts.push(`<text x="${x + 12}" y="${y + 70}" font-size="11" ${font} fill="${colors.error}">${esc(err.message.slice(0, 60))}${err.message.length > 60 ? '…' : ''}</text>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}

/** Draws the SVG onto a canvas at `scale` and returns PNG bytes. */
export async function svgToPng(result: SvgResult, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([result.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error(i18n.t('editor:files.svgRenderFailed')));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(result.width * scale));
    canvas.height = Math.max(1, Math.round(result.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(i18n.t('editor:files.no2dCanvas'));
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, result.width, result.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(i18n.t('editor:files.pngEncodingFailed')))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
