// A static canvas scatter plot (redrawn whole when its data or size changes): predicted vs actual for
// regression, final validation loss vs a varied parameter for experiments. Optional log x axis,
// category labels on x, a y = x diagonal, and one highlighted point.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTick, niceTicks } from './chartMath';

export interface ScatterPoint {
  x: number;
  y: number;
  color?: string;
}

interface Props {
  title: string;
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  testId: string;
  logX?: boolean;
  /** Names for x = 0, 1, 2, ... (e.g. optimizers). */
  categories?: readonly string[];
  diagonal?: boolean;
  /** Index into points drawn larger with a ring (the best trial). */
  highlight?: number | null;
}

const PAD = { left: 44, right: 12, top: 10, bottom: 30 };

function range(vs: number[]): [number, number] {
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (!(hi > lo)) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

export function ScatterChart({ title, points, xLabel, yLabel, testId, logX, categories, diagonal, highlight }: Props) {
  const { t } = useTranslation(['training']);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const draw = () => {
      const r = wrap.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(0, Math.floor(r.width));
      const h = Math.max(0, Math.floor(r.height));
      canvas.width = w * dpr;
      canvas.height = h * dpr;
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const pts = points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x) && (!logX || p.x > 0));
      canvas.dataset.points = String(pts.length);
      if (w === 0 || h === 0 || pts.length === 0) return;
      const tx = (x: number) => (logX ? Math.log10(x) : x);
      let [x0, x1] = range(pts.map((p) => tx(p.x)));
      let [y0, y1] = range(pts.map((p) => p.y));
      if (categories) [x0, x1] = [-0.5, categories.length - 0.5];
      if (diagonal) [x0, x1, y0, y1] = [Math.min(x0, y0), Math.max(x1, y1), Math.min(x0, y0), Math.max(x1, y1)];
      const px = (x: number) => PAD.left + ((tx(x) - x0) / (x1 - x0)) * (w - PAD.left - PAD.right);
      const pxRaw = (t: number) => PAD.left + ((t - x0) / (x1 - x0)) * (w - PAD.left - PAD.right);
      const py = (y: number) => h - PAD.bottom - ((y - y0) / (y1 - y0)) * (h - PAD.top - PAD.bottom);

      ctx.font = '10px system-ui, sans-serif';
      ctx.strokeStyle = 'rgba(148, 163, 184, 0.15)';
      ctx.fillStyle = '#94a3b8';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const t of niceTicks(y0, y1, 4)) {
        ctx.beginPath();
        ctx.moveTo(PAD.left, Math.round(py(t)) + 0.5);
        ctx.lineTo(w - PAD.right, Math.round(py(t)) + 0.5);
        ctx.stroke();
        ctx.fillText(formatTick(t), PAD.left - 5, py(t));
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      const xTicks = categories ? categories.map((_, i) => i) : niceTicks(x0, x1, 4);
      for (const t of xTicks) {
        const label = categories ? categories[t] : formatTick(logX ? 10 ** t : t);
        ctx.fillText(label, pxRaw(t), h - PAD.bottom + 4);
      }
      ctx.fillText(xLabel, (PAD.left + w - PAD.right) / 2, h - 12);
      ctx.save();
      ctx.translate(10, (PAD.top + h - PAD.bottom) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(yLabel, 0, -6);
      ctx.restore();

      if (diagonal) {
        ctx.strokeStyle = 'rgba(148, 163, 184, 0.5)';
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(pxRaw(x0), py(y0));
        ctx.lineTo(pxRaw(x1), py(y1));
        ctx.stroke();
        ctx.setLineDash([]);
      }
      points.forEach((p, i) => {
        if (!pts.includes(p)) return;
        ctx.fillStyle = p.color ?? '#60a5fa';
        ctx.beginPath();
        ctx.arc(px(p.x), py(p.y), i === highlight ? 5 : 3, 0, Math.PI * 2);
        ctx.fill();
        if (i === highlight) {
          ctx.strokeStyle = '#fbbf24';
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(px(p.x), py(p.y), 8, 0, Math.PI * 2);
          ctx.stroke();
          ctx.lineWidth = 1;
        }
      });
    };
    const ro = new ResizeObserver(draw);
    ro.observe(wrap);
    draw();
    return () => ro.disconnect();
  }, [points, logX, categories, diagonal, highlight, xLabel, yLabel]);

  return (
    <figure className="ll-chart">
      <figcaption>
        <span className="ll-chart-title">{title}</span>
      </figcaption>
      <div className="ll-chart-area" ref={wrapRef}>
        <canvas ref={canvasRef} data-testid={testId} data-points="0" role="img" aria-label={t('training:chart.ariaScatter', { title })} />
      </div>
    </figure>
  );
}
