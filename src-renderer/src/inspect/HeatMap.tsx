// A matrix as coloured cells on a canvas, with optional labels along the rows and columns (tokens, time steps).
import { useEffect, useRef } from 'react';
import type { ColorOf } from './scales';

export function HeatMap({ rows, color, cell = 8, rowLabels, colLabels, title, testId }: {
  rows: number[][];
  color: ColorOf;
  /** Pixels per cell. */
  cell?: number;
  rowLabels?: string[];
  colLabels?: string[];
  title?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const h = rows.length;
  const w = rows[0]?.length ?? 0;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, w * cell, h * cell);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        ctx.fillStyle = color(rows[r][c]);
        ctx.fillRect(c * cell, r * cell, cell, cell);
      }
    }
  }, [rows, color, cell, w, h]);
  const labelled = Boolean(rowLabels || colLabels);
  const canvas = <canvas ref={ref} width={w * cell} height={h * cell} data-testid={testId} title={title} />;
  if (!labelled) return canvas;
  return (
    <div className="ll-heat-labelled" style={{ gridTemplateColumns: `auto ${w * cell}px`, gridTemplateRows: `auto ${h * cell}px` }}>
      <span />
      <div className="ll-heat-cols" style={{ gridTemplateColumns: `repeat(${w}, ${cell}px)` }}>
        {colLabels?.slice(0, w).map((t, i) => (
          <span key={i}>{t}</span>
        ))}
      </div>
      <div className="ll-heat-rows" style={{ gridTemplateRows: `repeat(${h}, ${cell}px)` }}>
        {rowLabels?.slice(0, h).map((t, i) => (
          <span key={i}>{t}</span>
        ))}
      </div>
      {canvas}
    </div>
  );
}
