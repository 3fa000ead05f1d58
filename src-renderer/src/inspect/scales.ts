// Colour scales of the look-inside views, from d3's modules: viridis for magnitudes (feature maps, gates in 0..1,
// attention weights), a diverging red-blue around 0 for signed activations (hidden states, the cell).
import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

export type ColorOf = (v: number) => string;

/** Low..high in viridis (dark blue to yellow). */
export function magnitudeScale(min: number, max: number): ColorOf {
  const s = scaleSequential(interpolateViridis).domain([min, max > min ? max : min + 1e-9]);
  return (v) => s(v);
}

/** Negative blue, 0 white-ish, positive red, symmetric around 0. */
export function signedScale(values: number[][]): ColorOf {
  let m = 1e-9;
  for (const r of values) for (const v of r) m = Math.max(m, Math.abs(v));
  const s = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-m, 0, m]);
  return (v) => s(v);
}

export function extent(values: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of values) for (const v of r) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
