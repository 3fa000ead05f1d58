// Picking the best trial and ordering the results table. Pure.
import type { EpochMetrics } from '../api';
import type { TrialRecord, TrialValue } from './types';

/** The number trials are ranked by: final validation loss, else final training loss. */
export function scoreOf(final: EpochMetrics | null | undefined): number | null {
  if (!final) return null;
  const v = final.val_loss ?? final.loss;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Index of the finished trial with the lowest score; null when none has one. */
export function bestTrialIndex(trials: readonly TrialRecord[]): number | null {
  let best: TrialRecord | null = null;
  for (const t of trials) {
    if (t.status !== 'completed' && t.status !== 'stopped') continue;
    const s = scoreOf(t.final);
    if (s === null) continue;
    if (!best || s < scoreOf(best.final)!) best = t;
  }
  return best ? best.index : null;
}

export type SortKey = { column: string; descending: boolean };

/** Cell value for sorting: a varied path ('training.learningRate'), a metric ('val_loss'), or 'index'. */
export function cellOf(t: TrialRecord, column: string): TrialValue | null {
  if (column === 'index') return t.index;
  if (column in t.values) return t.values[column];
  const m = t.final?.[column];
  return typeof m === 'number' && Number.isFinite(m) ? m : null;
}

/** Rows sorted by a column; missing values always last. */
export function sortTrials(trials: readonly TrialRecord[], key: SortKey): TrialRecord[] {
  return [...trials].sort((a, b) => {
    const x = cellOf(a, key.column);
    const y = cellOf(b, key.column);
    if (x === null || y === null) return x === null ? (y === null ? a.index - b.index : 1) : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (key.descending ? -c : c) || a.index - b.index;
  });
}
