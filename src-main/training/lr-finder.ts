// The learning-rate range test (Smith 2017, "Cyclical Learning Rates"; the fastai lr_find): one short run that
// multiplies the learning rate by the same factor after every batch, from minLr to maxLr, records the loss, and
// stops once the smoothed loss has clearly diverged. The model's weights are spent: callers use a fresh model.
import type * as tfTypes from '@tensorflow/tfjs';
import type { LrFinderResult } from '../../shared/api';
import { setOptimizerLearningRate } from '../engine/schedules';
import { batchTensor, type FitSplit } from './fit-loop';
import { rng } from './seed';

type TF = typeof tfTypes;

export interface LrFinderOptions {
  batchSize: number;
  /** Default 1e-7. */
  minLr?: number;
  /** Default 10. */
  maxLr?: number;
  /** Batches from minLr to maxLr (default 100). */
  steps?: number;
  seed?: number;
  /** Stop when the smoothed loss exceeds this many times its minimum (default 4). */
  divergeFactor?: number;
  /** Called after each batch (the job streams progress). */
  onStep?: (step: number, steps: number) => void;
}

/** EMA weight of the running loss that decides when the test has diverged (debiased, as fastai does). */
const SMOOTHING = 0.9;

const one = <T>(list: T[]): T | T[] => (list.length === 1 ? list[0] : list);

export async function findLearningRate(tf: TF, model: tfTypes.LayersModel, train: FitSplit, opts: LrFinderOptions): Promise<LrFinderResult> {
  const minLr = opts.minLr ?? 1e-7;
  const maxLr = opts.maxLr ?? 10;
  const steps = opts.steps ?? 100;
  const divergeFactor = opts.divergeFactor ?? 4;
  if (!(minLr > 0 && maxLr > minLr)) throw new Error(`The learning-rate range must satisfy 0 < min < max, got ${minLr} to ${maxLr}`);
  if (!(Number.isInteger(steps) && steps >= 5)) throw new Error(`The learning-rate finder needs at least 5 steps, got ${steps}`);
  if (train.size < 1) throw new Error('The training split is empty');
  const optimizer = model.optimizer;
  const random = rng(opts.seed ?? 1);
  const order = Int32Array.from({ length: train.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const lrs: number[] = [];
  const losses: number[] = [];
  let avg = 0;
  let best = Infinity;
  let stopReason: string | null = null;
  let cursor = 0;
  for (let i = 0; i < steps; i++) {
    const lr = minLr * (maxLr / minLr) ** (i / (steps - 1));
    setOptimizerLearningRate(optimizer, lr);
    // Batches cycle through the shuffled training set.
    if (cursor >= train.size) cursor = 0;
    const end = Math.min(train.size, cursor + opts.batchSize);
    const xs = train.xs.map((t) => batchTensor(tf, t, order, cursor, end));
    const ys = train.ys.map((t) => batchTensor(tf, t, order, cursor, end));
    cursor = end;
    let value: number;
    try {
      const out = await model.trainOnBatch(one(xs), one(ys));
      value = Array.isArray(out) ? out[0] : out;
    } finally {
      tf.dispose([...xs, ...ys]);
    }
    opts.onStep?.(i + 1, steps);
    if (!Number.isFinite(value)) {
      stopReason = `the loss became ${value} at learning rate ${lr.toPrecision(2)}`;
      break;
    }
    avg = SMOOTHING * avg + (1 - SMOOTHING) * value;
    const s = avg / (1 - SMOOTHING ** (i + 1));
    lrs.push(lr);
    losses.push(value);
    best = Math.min(best, s);
    if (i > 0 && s > divergeFactor * best) {
      stopReason = `the smoothed loss passed ${divergeFactor}x its minimum at learning rate ${lr.toPrecision(2)}`;
      break;
    }
  }
  // The running average lags behind the loss (fine for noticing divergence, but it shifts the curve to higher
  // rates); the curve drawn and the suggestion use a centred average instead, which has no lag.
  const smoothed = centredMean(losses, Math.max(2, Math.round(losses.length / 20)));
  return { lrs, losses, smoothed, ...suggestLearningRate(lrs, smoothed), stopReason };
}

/** Mean over a window of `half` points on each side (narrower at the ends). */
export function centredMean(values: number[], half: number): number[] {
  return values.map((_, i) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(values.length - 1, i + half);
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += values[k];
    return sum / (hi - lo + 1);
  });
}

/**
 * The suggestion is the rate at the smoothed loss's minimum divided by 10: one decade before the loss stops
 * improving. `steepest`, where the smoothed loss falls fastest per decade before its minimum, is the other common
 * rule; on the MLP template it sat right at the minimum (the fall is sharpest just before it), so it is shown but
 * not suggested. The first tenth of the points is left out: there is only noise there.
 */
export function suggestLearningRate(lrs: number[], smoothed: number[]): Pick<LrFinderResult, 'suggestion' | 'steepest'> {
  if (smoothed.length < 5) return { suggestion: null, steepest: null };
  const start = Math.max(1, Math.floor(smoothed.length / 10));
  let minAt = start;
  for (let i = start; i < smoothed.length; i++) if (smoothed[i] < smoothed[minAt]) minAt = i;
  // A loss that never fell below its start has no useful minimum.
  if (!(smoothed[minAt] < smoothed[0])) return { suggestion: null, steepest: null };
  let steepest = -1;
  let slope = 0;
  for (let i = start; i <= minAt; i++) {
    const d = (smoothed[i] - smoothed[i - 1]) / (Math.log10(lrs[i]) - Math.log10(lrs[i - 1]));
    if (d < slope) {
      slope = d;
      steepest = i;
    }
  }
  return { suggestion: lrs[minAt] / 10, steepest: steepest >= 0 ? lrs[steepest] : null };
}
