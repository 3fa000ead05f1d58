// The small picture of a graph on a gallery card (see thumbnail.ts for the layout).
import { useMemo } from 'react';
import type { GraphFile } from '../../../shared/graph/types';
import { BOX_H, BOX_W, thumbnailOf } from './thumbnail';

/** Node colours by layer category, as the canvas heads use them. */
const CATEGORY_COLORS: Record<string, string> = {
  Core: '#3b82f6',
  'Input / Output': '#94a3b8',
  Convolution: '#14b8a6',
  Pooling: '#14b8a6',
  Recurrent: '#a78bfa',
  Attention: '#f472b6',
  Transformer: '#f472b6',
  Normalization: '#eab308',
  Merge: '#fb923c',
  Embedding: '#fb923c',
};

export function Thumbnail({ graph }: { graph: Pick<GraphFile, 'nodes' | 'edges'> }) {
  const th = useMemo(() => thumbnailOf(graph), [graph]);
  const pad = 3;
  return (
    <svg className="ll-thumbnail" viewBox={`${-pad} ${-pad} ${th.width + 2 * pad} ${th.height + 2 * pad}`} preserveAspectRatio="xMidYMid meet" aria-hidden data-nodes={th.boxes.length}>
      {th.lines.map((l, i) => (
        <line key={i} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
      ))}
      {th.boxes.map((b) => (
        <rect key={b.id} x={b.x} y={b.y} width={BOX_W} height={BOX_H} rx={1.5} fill={CATEGORY_COLORS[b.category] ?? '#64748b'} />
      ))}
    </svg>
  );
}
