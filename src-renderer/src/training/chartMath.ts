// Scales and ticks for the metric charts (pure, tested).
export interface Domain {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Extent {
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Extent of the data in several series; null when there are no points. */
export function extentOf(series: readonly { xs: readonly number[]; ys: readonly number[] }[]): Extent | null {
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.xs.length; i++) {
      if (s.xs[i] > xMax) xMax = s.xs[i];
      if (s.ys[i] < yMin) yMin = s.ys[i];
      if (s.ys[i] > yMax) yMax = s.ys[i];
    }
  }
  return xMax === -Infinity ? null : { xMax, yMin, yMax };
}

/** True when the current domain still holds the data, so new points can be appended without a redraw. */
export function domainHolds(d: Domain, e: Extent): boolean {
  return e.xMax <= d.x1 && e.yMax <= d.y1 && e.yMin >= d.y0;
}

/**
 * A domain for the data with headroom, so that a growing run rarely forces a full redraw: x covers the
 * whole planned run when known, y starts at 0 for non-negative metrics and leaves 15% above the max.
 */
export function domainFor(e: Extent | null, plannedSteps: number, fixedY?: [number, number]): Domain {
  const x1 = Math.max(plannedSteps, e ? Math.ceil(e.xMax * 1.25) : 0, 1);
  if (fixedY) return { x0: 0, x1, y0: Math.min(fixedY[0], e?.yMin ?? fixedY[0]), y1: Math.max(fixedY[1], e?.yMax ?? fixedY[1]) };
  if (!e) return { x0: 0, x1, y0: 0, y1: 1 };
  const y0 = e.yMin >= 0 ? 0 : e.yMin * 1.15;
  const y1 = e.yMax <= 0 ? 1 : e.yMax * 1.15;
  return { x0: 0, x1, y0, y1 };
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  if (a >= 1) return String(Number(v.toPrecision(3)));
  // Below 0.001 the decimals outgrow a chart's axis margin (0.000001 was clipped): 1e-6, 2.5e-5.
  if (a < 1e-3) return Number(v.toPrecision(2)).toExponential();
  return String(Number(v.toPrecision(2)));
}

/** Running state of a debiased exponential moving average (TensorBoard-style smoothing). */
export interface EmaState {
  value: number;
  count: number;
}

/** Feeds one value; returns the smoothed value. weight 0 = no smoothing, 0.99 = very smooth. */
export function emaStep(state: EmaState, y: number, weight: number): number {
  state.value = state.value * weight + (1 - weight) * y;
  state.count++;
  const debias = 1 - weight ** state.count;
  return weight === 0 ? y : state.value / debias;
}

/** Smooths a whole list (for static charts and tests). */
export function smooth(ys: readonly number[], weight: number): number[] {
  const st: EmaState = { value: 0, count: 0 };
  return ys.map((y) => emaStep(st, y, weight));
}

/** Y domain for log10-transformed data: the data range with some room on both sides. */
export function logDomainFor(e: Extent | null, plannedSteps: number): Domain {
  const x1 = Math.max(plannedSteps, e ? Math.ceil(e.xMax * 1.25) : 0, 1);
  if (!e) return { x0: 0, x1, y0: -2, y1: 1 };
  const span = Math.max(0.5, e.yMax - e.yMin);
  return { x0: 0, x1, y0: e.yMin - span * 0.1, y1: e.yMax + span * 0.2 };
}
