// Number formatting for metric read-outs, and how a run's engine is named.
import type { RunEngine } from '../../../shared/api';

/** "pytorch cpu", "pytorch cuda:0 ×4" for a PyTorch-engine run. */
export function engineLabel(e: RunEngine): string {
  return `pytorch ${e.device}${e.processes > 1 ? ` ×${e.processes}` : ''}`;
}
export function fmt(v: number | undefined | null, digits = 4): string {
  return v === undefined || v === null || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();
}
