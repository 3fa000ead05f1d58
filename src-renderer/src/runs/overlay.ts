// Turning stored runs into chart series for the overlay (pure apart from building Series objects).
import type { RunRecord } from '../../../shared/api';
import { Series } from '../training/series';

export const RUN_COLORS = ['#60a5fa', '#f59e0b', '#34d399', '#f472b6', '#a78bfa', '#f87171', '#22d3ee', '#facc15'];

/** Loss per batch step when the run kept batches, else per epoch; x is the batch step either way. */
export function lossPoints(run: RunRecord): { xs: number[]; ys: number[] } {
  if (run.batches.length > 0) return { xs: run.batches.map((b) => b.step + 1), ys: run.batches.map((b) => b.metrics.loss) };
  return { xs: run.epochsHistory.map((_, i) => i + 1), ys: run.epochsHistory.map((m) => m.loss) };
}

/** Validation loss at the end of each epoch, placed on the batch-step axis of the run. */
export function valLossPoints(run: RunRecord): { xs: number[]; ys: number[] } {
  const steps = run.batches.length > 0 ? run.batches[run.batches.length - 1].step + 1 : run.epochsHistory.length;
  const perEpoch = run.epochsHistory.length > 0 ? steps / run.epochsHistory.length : 1;
  const xs: number[] = [];
  const ys: number[] = [];
  run.epochsHistory.forEach((m, i) => {
    if (m.val_loss !== undefined) {
      xs.push(Math.round((i + 1) * perEpoch));
      ys.push(m.val_loss);
    }
  });
  return { xs, ys };
}

/** One line per run (training loss) plus its validation points, in the run's colour. */
export function overlaySeries(runs: readonly RunRecord[], colorOf: (run: RunRecord, i: number) => string = (_, i) => RUN_COLORS[i % RUN_COLORS.length], labelOf: (run: RunRecord) => string = (r) => r.name): Series[] {
  const out: Series[] = [];
  runs.forEach((run, i) => {
    const color = colorOf(run, i);
    const line = new Series(labelOf(run), color, 'line');
    const { xs, ys } = lossPoints(run);
    xs.forEach((x, j) => line.push(x, ys[j]));
    out.push(line);
    const val = valLossPoints(run);
    if (val.xs.length > 0) {
      const pts = new Series(`${labelOf(run)} (val)`, color, 'points');
      val.xs.forEach((x, j) => pts.push(x, val.ys[j]));
      out.push(pts);
    }
  });
  return out;
}
