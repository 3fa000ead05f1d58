// Append-only metric series the charts read. Kept outside React state: events append points here and the
// charts draw only what is new on the next animation frame.
import { LayerSeries } from './diagnostics/layerSeries';
export class Series {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  /** Bumped by clear() so a chart knows to redraw instead of appending. */
  generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly color: string,
    readonly style: 'line' | 'points' = 'line',
  ) {}

  get length(): number {
    return this.xs.length;
  }

  push(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    this.xs.push(x);
    this.ys.push(y);
    this.notify();
  }

  clear(): void {
    this.xs.length = 0;
    this.ys.length = 0;
    this.generation++;
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

/** The series of one training run: per batch and per epoch, train and validation. */
export class RunSeries {
  /** Per-layer norms and per-epoch layer statistics (TrainingConfig.diagnostics). */
  readonly layers = new LayerSeries();
  readonly lossBatch = new Series('train loss (batch)', 'rgba(96, 165, 250, 0.55)');
  readonly lossEpoch = new Series('train loss (epoch)', '#60a5fa', 'points');
  readonly valLossEpoch = new Series('val loss (epoch)', '#f59e0b', 'points');
  readonly accBatch = new Series('train acc (batch)', 'rgba(52, 211, 153, 0.55)');
  readonly accEpoch = new Series('train acc (epoch)', '#34d399', 'points');
  readonly valAccEpoch = new Series('val acc (epoch)', '#f472b6', 'points');
  /** Learning rate per epoch (after the schedule), when the trainer reports it. */
  readonly lrEpoch = new Series('learning rate', '#a78bfa', 'points');

  /** Stable arrays, so charts keep their subscriptions across renders. */
  readonly loss: readonly Series[] = [this.lossBatch, this.lossEpoch, this.valLossEpoch];
  readonly accuracy: readonly Series[] = [this.accBatch, this.accEpoch, this.valAccEpoch];
  readonly learningRate: readonly Series[] = [this.lrEpoch];

  clear(): void {
    for (const s of [...this.loss, ...this.accuracy, ...this.learningRate]) s.clear();
    this.layers.clear();
  }
}
