// Which epoch was best, and when to stop early. Pure bookkeeping over epoch metrics (no tfjs), plus a
// zero-copy snapshot of a model's weights for "best" and "restore best".
import type * as tfTypes from '@tensorflow/tfjs';
import type { EarlyStoppingConfig, EarlyStoppingMonitor } from '../../shared/graph/types';
import type { EpochMetrics, LogDetail } from '../../shared/api';

type TF = typeof tfTypes;

/** Tracks the best value of one epoch metric; accuracies are maximised, losses minimised. */
export class BestTracker {
  readonly mode: 'min' | 'max';
  best = NaN;
  /** 0-based epoch of the best value; -1 before the first finite value. */
  bestEpoch = -1;
  bestMetrics: EpochMetrics | null = null;
  /** Epochs since the last improvement. */
  wait = 0;

  constructor(
    readonly monitor: string,
    private readonly minDelta = 0,
  ) {
    this.mode = /acc/.test(monitor) ? 'max' : 'min';
  }

  /** Records an epoch; true when it is the new best (by more than minDelta). */
  update(epoch: number, metrics: EpochMetrics): boolean {
    const v = metrics[this.monitor];
    const improved =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (this.bestEpoch < 0 || (this.mode === 'min' ? v < this.best - this.minDelta : v > this.best + this.minDelta));
    if (improved) {
      this.best = v;
      this.bestEpoch = epoch;
      this.bestMetrics = metrics;
      this.wait = 0;
    } else {
      this.wait++;
    }
    return improved;
  }
}

/**
 * The metric to watch, given what the run reports. A validation metric without a validation split
 * falls back to 'loss'; 'val_acc' without an accuracy metric falls back to 'val_loss'. `note` says why.
 */
export function resolveMonitor(
  requested: EarlyStoppingMonitor | undefined,
  hasValidation: boolean,
  metricNames: string[],
): { monitor: string; note?: string } {
  const fallback = hasValidation ? 'val_loss' : 'loss';
  if (!requested) return { monitor: fallback };
  if (requested.startsWith('val_') && !hasValidation) {
    return { monitor: 'loss', note: `There is no validation split, so early stopping watches 'loss' instead of '${requested}'.` };
  }
  if (requested.endsWith('acc') && !metricNames.includes('acc')) {
    return { monitor: fallback, note: `The model reports no accuracy, so early stopping watches '${fallback}' instead of '${requested}'.` };
  }
  return { monitor: requested };
}

/** Keras-style early stopping: stop once `patience` epochs in a row did not improve the monitor. */
export class EarlyStopper {
  readonly tracker: BestTracker;
  readonly restoreBest: boolean;

  constructor(
    monitor: string,
    private readonly config: EarlyStoppingConfig,
  ) {
    this.tracker = new BestTracker(monitor, config.minDelta ?? 0);
    this.restoreBest = config.restoreBest ?? true;
  }

  get patience(): number {
    return this.config.patience;
  }

  /** True when training should stop after this epoch. */
  shouldStop(): boolean {
    return this.tracker.bestEpoch >= 0 && this.tracker.wait > 0 && this.tracker.wait >= this.config.patience;
  }

  /** reason() as a code and values (the renderer says it in the chosen language). */
  reasonDetail(lastEpoch: number): LogDetail {
    const t = this.tracker;
    return {
      code: this.restoreBest ? 'stop.earlyRestored' : 'stop.early',
      params: { epoch: lastEpoch + 1, monitor: t.monitor, count: t.wait, best: formatValue(t.best), bestEpoch: t.bestEpoch + 1 },
    };
  }

  reason(lastEpoch: number): string {
    const t = this.tracker;
    return (
      `Early stopping after epoch ${lastEpoch + 1}: ${t.monitor} did not improve for ${t.wait} epoch${t.wait === 1 ? '' : 's'} ` +
      `(best ${formatValue(t.best)} at epoch ${t.bestEpoch + 1})` +
      (this.restoreBest ? `; the weights of epoch ${t.bestEpoch + 1} were restored.` : '.')
    );
  }
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 ? v.toFixed(4) : v.toPrecision(3);
}

/**
 * A model's weights at one moment. tf.clone shares the data; optimizers update variables by assign
 * (a new buffer), so the snapshot keeps the old values without copying them.
 */
export class WeightSnapshot {
  private tensors: tfTypes.Tensor[] = [];

  constructor(private readonly tf: TF) {}

  get empty(): boolean {
    return this.tensors.length === 0;
  }

  take(model: tfTypes.LayersModel): void {
    const next = model.getWeights().map((w) => this.tf.clone(w));
    this.dispose();
    this.tensors = next;
  }

  /** Writes the snapshot into the model (the model's variables get the snapshot's values). */
  restore(model: tfTypes.LayersModel): void {
    if (!this.empty) model.setWeights(this.tensors);
  }

  dispose(): void {
    this.tf.dispose(this.tensors);
    this.tensors = [];
  }
}
