// A small canvas line chart that appends: events push points into Series, and on the next animation
// frame only the new segments are drawn. The whole chart is redrawn only when the data leaves the
// current axes, a series is cleared, the canvas is resized, or smoothing / log scale change.
// Smoothing (debiased EMA) applies to line series (per-batch values); point series (epochs) stay exact.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from './series';
import { seriesLabel } from './seriesLabel';
import { domainFor, domainHolds, emaStep, extentOf, formatTick, logDomainFor, niceTicks, type Domain, type EmaState } from './chartMath';

interface Props {
  title: string;
  series: readonly Series[];
  /** Planned number of steps of the run (x axis length); 0 when unknown. */
  plannedSteps: number;
  fixedY?: [number, number];
  testId: string;
  /** EMA weight 0..0.99 for line series. */
  smoothing?: number;
  /** Plot log10(y); values <= 0 are left out. */
  logY?: boolean;
  /** Label for the x axis (default: batch, the unit of every run chart's x). */
  xLabel?: string;
  /** Batches per epoch: epoch boundaries are marked and labelled along the top ("ep 1", ...). */
  epochSteps?: number;
  /** Legend entries instead of one per series (overlays with many series). */
  legend?: readonly { label: string; color: string }[];
}

const PAD = { left: 40, right: 10, top: 14, bottom: 30 };

/** The transformed (smoothed / log) copy of a series that is actually drawn. */
interface Derived {
  xs: number[];
  ys: number[];
  consumed: number;
  generation: number;
  ema: EmaState;
}

export function LineChart({ title, series, plannedSteps, fixedY, testId, smoothing = 0, logY = false, xLabel, epochSteps = 0, legend }: Props) {
  const { t } = useTranslation(['training']);
  const xName = xLabel ?? t('training:chart.batch');
  const xAxisText = epochSteps > 0 ? t('training:chart.xAxisWithEpochs', { label: xName }) : xName;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    let domain: Domain | null = null;
    let size = { w: 0, h: 0, dpr: 1 };
    const derived = new Map<Series, Derived>();
    const drawn = new Map<Series, number>();
    let frame = 0;
    let full = true;

    /** Brings the derived copy up to date; returns true when the series was cleared (full redraw). */
    const sync = (s: Series): boolean => {
      let d = derived.get(s);
      let reset = false;
      if (!d || d.generation !== s.generation) {
        d = { xs: [], ys: [], consumed: 0, generation: s.generation, ema: { value: 0, count: 0 } };
        derived.set(s, d);
        reset = true;
      }
      const w = s.style === 'line' ? smoothing : 0;
      for (let i = d.consumed; i < s.length; i++) {
        let y = s.ys[i];
        if (w > 0) y = emaStep(d.ema, y, w);
        if (logY) {
          if (!(y > 0)) continue;
          y = Math.log10(y);
        }
        d.xs.push(s.xs[i]);
        d.ys.push(y);
      }
      d.consumed = s.length;
      return reset;
    };

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
        ctx.fillText(formatTick(logY ? 10 ** t : t), PAD.left - 5, y);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const t of niceTicks(domain!.x0, domain!.x1, 5)) {
        const x = px(t);
        if (x > size.w - PAD.right) continue;
        ctx.fillText(formatTick(t), x, size.h - PAD.bottom + 5);
      }
      // The x axis's unit, under its tick labels.
      ctx.textAlign = 'center';
      ctx.fillText(xAxisText, (PAD.left + size.w - PAD.right) / 2, size.h - PAD.bottom + 17);
      if (epochSteps > 0) {
        const spacing = px(epochSteps) - px(0);
        // Label every n-th epoch so labels never touch (Korean labels are wider than "ep 12").
        const widest = ctx.measureText(t('training:chart.epochTick', { epoch: Math.max(1, Math.floor(domain!.x1 / epochSteps)) })).width;
        const every = Math.max(1, Math.ceil((widest + 10) / Math.max(1, spacing)));
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.strokeStyle = 'rgba(148, 163, 184, 0.22)';
        ctx.setLineDash([2, 3]);
        for (let e = 1; e * epochSteps <= domain!.x1; e++) {
          const x = Math.round(px(e * epochSteps)) + 0.5;
          if (x > size.w - PAD.right) break;
          ctx.beginPath();
          ctx.moveTo(x, PAD.top);
          ctx.lineTo(x, size.h - PAD.bottom);
          ctx.stroke();
          if (e % every === 0) ctx.fillText(t('training:chart.epochTick', { epoch: e }), x, PAD.top);
        }
        ctx.setLineDash([]);
      }
    };

    /** Draws derived points [from, to) of a series, joining to point from-1 when there is one. */
    const drawRange = (s: Series, d: Derived, from: number, to: number) => {
      if (to <= from) return;
      ctx.strokeStyle = s.color;
      ctx.fillStyle = s.color;
      ctx.lineWidth = s.style === 'points' ? 2 : 1.25;
      ctx.beginPath();
      const start = Math.max(0, from - 1);
      ctx.moveTo(px(d.xs[start]), py(d.ys[start]));
      for (let i = start + 1; i < to; i++) ctx.lineTo(px(d.xs[i]), py(d.ys[i]));
      ctx.stroke();
      if (s.style === 'points') {
        for (let i = from; i < to; i++) {
          ctx.beginPath();
          ctx.arc(px(d.xs[i]), py(d.ys[i]), 3, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    };

    const render = () => {
      frame = 0;
      if (size.w === 0 || size.h === 0) return;
      let cleared = false;
      for (const s of series) cleared = sync(s) || cleared;
      const ds = series.map((s) => derived.get(s)!);
      const extent = extentOf(ds);
      if (full || cleared || !domain || (extent && !domainHolds(domain, extent)) || plannedSteps > domain.x1) {
        domain = logY ? logDomainFor(extent, plannedSteps) : domainFor(extent, plannedSteps, fixedY);
        ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
        drawAxes();
        ctx.save();
        ctx.beginPath();
        ctx.rect(PAD.left, PAD.top, size.w - PAD.left - PAD.right, size.h - PAD.top - PAD.bottom);
        ctx.clip();
        series.forEach((s, i) => {
          drawRange(s, ds[i], 0, ds[i].xs.length);
          drawn.set(s, ds[i].xs.length);
        });
        ctx.restore();
        full = false;
      } else {
        ctx.save();
        ctx.beginPath();
        ctx.rect(PAD.left, PAD.top, size.w - PAD.left - PAD.right, size.h - PAD.top - PAD.bottom);
        ctx.clip();
        series.forEach((s, i) => {
          drawRange(s, ds[i], drawn.get(s) ?? 0, ds[i].xs.length);
          drawn.set(s, ds[i].xs.length);
        });
        ctx.restore();
      }
      canvas.dataset.points = String(series.reduce((n, s) => n + s.length, 0));
      canvas.dataset.scale = logY ? 'log' : 'linear';
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
  }, [series, plannedSteps, fixedY, smoothing, logY, xAxisText, epochSteps, t]);

  return (
    <figure className="ll-chart">
      <figcaption>
        <span className="ll-chart-title">{title}</span>
        <span className="ll-legend">
          {(legend ?? series.map((s) => ({ label: seriesLabel(s.name, t), color: s.color }))).map((l) => (
            <span key={l.label} className="ll-legend-item">
              <i style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="ll-chart-area" ref={wrapRef}>
        <canvas ref={canvasRef} data-testid={testId} data-points="0" data-x-label={xName} role="img" aria-label={epochSteps > 0 ? t('training:chart.ariaEpochs', { title, x: xName }) : t('training:chart.aria', { title, x: xName })} />
      </div>
    </figure>
  );
}
