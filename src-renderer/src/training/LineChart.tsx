// A small canvas line chart that appends: events push points into Series, and on the next animation
// frame only the new segments are drawn. The whole chart is redrawn only when the data leaves the
// current axes, a series is cleared, or the canvas is resized.
import { useEffect, useRef } from 'react';
import type { Series } from './series';
import { domainFor, domainHolds, extentOf, formatTick, niceTicks, type Domain } from './chartMath';

interface Props {
  title: string;
  series: readonly Series[];
  /** Planned number of steps of the run (x axis length); 0 when unknown. */
  plannedSteps: number;
  fixedY?: [number, number];
  testId: string;
}

const PAD = { left: 40, right: 10, top: 8, bottom: 20 };

export function LineChart({ title, series, plannedSteps, fixedY, testId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    let domain: Domain | null = null;
    let size = { w: 0, h: 0, dpr: 1 };
    const drawn = new Map<Series, { count: number; generation: number }>();
    let frame = 0;
    let full = true;

    const px = (x: number) => PAD.left + ((x - domain!.x0) / (domain!.x1 - domain!.x0)) * (size.w - PAD.left - PAD.right);
    const py = (y: number) => size.h - PAD.bottom - ((y - domain!.y0) / (domain!.y1 - domain!.y0)) * (size.h - PAD.top - PAD.bottom);

    const drawAxes = () => {
      ctx.clearRect(0, 0, size.w, size.h);
      ctx.font = '10px system-ui, sans-serif';
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(148, 163, 184, 0.15)';
      ctx.fillStyle = '#94a3b8';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const t of niceTicks(domain!.y0, domain!.y1, 4)) {
        const y = Math.round(py(t)) + 0.5;
        ctx.beginPath();
        ctx.moveTo(PAD.left, y);
        ctx.lineTo(size.w - PAD.right, y);
        ctx.stroke();
        ctx.fillText(formatTick(t), PAD.left - 5, y);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const t of niceTicks(domain!.x0, domain!.x1, 5)) {
        const x = px(t);
        if (x > size.w - PAD.right) continue;
        ctx.fillText(formatTick(t), x, size.h - PAD.bottom + 5);
      }
    };

    /** Draws points [from, to) of a series, joining to point from-1 when there is one. */
    const drawRange = (s: Series, from: number, to: number) => {
      if (to <= from) return;
      ctx.strokeStyle = s.color;
      ctx.fillStyle = s.color;
      ctx.lineWidth = s.style === 'points' ? 2 : 1.25;
      ctx.beginPath();
      const start = Math.max(0, from - 1);
      ctx.moveTo(px(s.xs[start]), py(s.ys[start]));
      for (let i = start + 1; i < to; i++) ctx.lineTo(px(s.xs[i]), py(s.ys[i]));
      ctx.stroke();
      if (s.style === 'points') {
        for (let i = from; i < to; i++) {
          ctx.beginPath();
          ctx.arc(px(s.xs[i]), py(s.ys[i]), 3, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    };

    const render = () => {
      frame = 0;
      if (size.w === 0 || size.h === 0) return;
      const extent = extentOf(series);
      const cleared = series.some((s) => (drawn.get(s)?.generation ?? -1) !== s.generation);
      if (full || cleared || !domain || (extent && !domainHolds(domain, extent)) || plannedSteps > domain.x1) {
        domain = domainFor(extent, plannedSteps, fixedY);
        ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
        drawAxes();
        ctx.save();
        ctx.beginPath();
        ctx.rect(PAD.left, PAD.top, size.w - PAD.left - PAD.right, size.h - PAD.top - PAD.bottom);
        ctx.clip();
        for (const s of series) {
          drawRange(s, 0, s.length);
          drawn.set(s, { count: s.length, generation: s.generation });
        }
        ctx.restore();
        full = false;
      } else {
        for (const s of series) {
          const d = drawn.get(s)!;
          drawRange(s, d.count, s.length);
          d.count = s.length;
        }
      }
      canvas.dataset.points = String(series.reduce((n, s) => n + s.length, 0));
    };

    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(render);
    };

    const resize = () => {
      const r = wrap.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      size = { w: Math.max(0, Math.floor(r.width)), h: Math.max(0, Math.floor(r.height)), dpr };
      canvas.width = size.w * dpr;
      canvas.height = size.h * dpr;
      canvas.style.width = `${size.w}px`;
      canvas.style.height = `${size.h}px`;
      full = true;
      schedule();
    };

    const ro = new ResizeObserver(resize);
    ro.observe(wrap);
    const unsubs = series.map((s) => s.subscribe(schedule));
    resize();
    return () => {
      ro.disconnect();
      unsubs.forEach((u) => u());
      if (frame) cancelAnimationFrame(frame);
    };
  }, [series, plannedSteps, fixedY]);

  return (
    <figure className="ll-chart">
      <figcaption>
        <span className="ll-chart-title">{title}</span>
        <span className="ll-legend">
          {series.map((s) => (
            <span key={s.name} className="ll-legend-item">
              <i style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="ll-chart-area" ref={wrapRef}>
        <canvas ref={canvasRef} data-testid={testId} data-points="0" role="img" aria-label={`${title} chart`} />
      </div>
    </figure>
  );
}
