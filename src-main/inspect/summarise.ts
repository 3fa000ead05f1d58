// One activation (one sample's values, row-major, shape without the batch) -> its statistics and a trimmed view
// that a renderer draws as what it is: feature maps for [H, W, C], bars for a vector, a heat map for [T, U].
import { INSPECT_LIMITS, type ActivationStats, type ActivationView } from '../../shared/inspect';

export function activationStats(values: ArrayLike<number>): ActivationStats {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0, min: 0, max: 0, zeros: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n), min, max, zeros: zeros / n };
}

/** Rounded to 4 significant digits: the views draw colours, and JSON of full floats would double the payload. */
function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : 0;
}

/** Rows [0, steps) x columns [0, units) of a row-major [T, U] block, trimmed to the caps. */
export function trimMatrix(values: ArrayLike<number>, steps: number, units: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t < Math.min(steps, INSPECT_LIMITS.steps); t++) {
    const row: number[] = [];
    for (let u = 0; u < Math.min(units, INSPECT_LIMITS.units); u++) row.push(round(values[t * units + u]));
    rows.push(row);
  }
  return rows;
}

/** The view for a plain activation of `shape` (no batch dimension). */
export function plainView(values: ArrayLike<number>, shape: number[]): ActivationView {
  if (shape.length === 1) {
    const shown = Math.min(shape[0], INSPECT_LIMITS.bars);
    return { type: 'bars', values: Array.from({ length: shown }, (_, i) => round(values[i])), total: shape[0] };
  }
  if (shape.length === 2) return { type: 'heat', rows: trimMatrix(values, shape[0], shape[1]), steps: shape[0], units: shape[1] };
  if (shape.length === 3) {
    const [height, width, channels] = shape;
    // Every `step`-th pixel when a map is larger than the cap (a 224 x 224 input stays a 56 x 56 picture).
    const step = Math.max(1, Math.ceil(Math.max(height, width) / INSPECT_LIMITS.mapSide));
    const maps: number[][] = [];
    for (let c = 0; c < Math.min(channels, INSPECT_LIMITS.maps); c++) {
      const map: number[] = [];
      for (let y = 0; y < height; y += step) for (let x = 0; x < width; x += step) map.push(round(values[(y * width + x) * channels + c]));
      maps.push(map);
    }
    return { type: 'maps', height: Math.ceil(height / step), width: Math.ceil(width / step), channels, maps };
  }
  return { type: 'none', why: `a rank-${shape.length} activation has no picture; its statistics are above`, rank: shape.length };
}

export { round as roundForView };
