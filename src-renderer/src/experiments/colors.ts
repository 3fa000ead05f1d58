// Colour for a varied value: a blue-to-yellow ramp by rank for numbers (so log-spaced values spread evenly),
// distinct colours for categories.
import type { TrialValue } from '../../../shared/experiments/types';
import { RUN_COLORS } from '../runs/overlay';

export function colorScale(values: readonly TrialValue[]): (v: TrialValue) => string {
  const distinct = [...new Set(values.map((v) => String(v)))];
  const numeric = values.every((v) => typeof v === 'number');
  if (numeric) distinct.sort((a, b) => Number(a) - Number(b));
  return (v) => {
    const i = distinct.indexOf(String(v));
    if (!numeric) return RUN_COLORS[i % RUN_COLORS.length];
    const t = distinct.length > 1 ? i / (distinct.length - 1) : 0.5;
    return `hsl(${Math.round(230 - 180 * t)}, 85%, ${Math.round(60 + 5 * t)}%)`;
  };
}

export function formatValue(v: TrialValue | undefined): string {
  if (v === undefined) return '—';
  return typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v);
}
