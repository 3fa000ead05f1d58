// The training loop: trains a compiled model on flat typed arrays, streaming events.
// A custom trainOnBatch loop (not model.fit): batches are sliced from the arrays in JS (never tf.unstack),
// stop and pause act between batches, NaN losses stop the run at once, and no whole-split tensor is held.
import type * as tfTypes from '@tensorflow/tfjs';
import type { BackendInfo, BatchMetrics, EpochMetrics, ErrorDetail, LogDetail, TrainEventBody } from '../../shared/api';
import { engineFailureDetail, nonFiniteHintDetail, nonFiniteLossDetail } from './failure-detail';
import type { EarlyStoppingConfig, LrScheduleConfig } from '../../shared/graph/types';
import type { TensorData } from '../data/types';
import { LrScheduler, optimizerLearningRate, setOptimizerLearningRate } from '../engine/schedules';
import { clipStatsOf } from '../engine/optimizers';
import type { TrainControl } from './control';
import { BestTracker, EarlyStopper, resolveMonitor, WeightSnapshot } from './early-stopping';
import { rng } from './seed';
import { EpochProbe, NormRecorder, PROBE_SAMPLES } from './diagnostics';

type TF = typeof tfTypes;

/** One split, arrays in the model's input / output order. */
export interface FitSplit {
  size: number;
  xs: TensorData[];
  ys: TensorData[];
}

export interface FitData {
  train: FitSplit;
  validation: FitSplit | null;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  backend: BackendInfo;
  shuffle?: boolean;
  seed?: number;
  /** The base learning rate for the schedule (default: the optimizer's) and the NaN hint. */
  learningRate?: number;
  /** Learning rate per epoch; absent = constant. */
  lrSchedule?: LrScheduleConfig;
  /** Absent = train every epoch. */
  earlyStopping?: EarlyStoppingConfig;
  /** Only for the NaN hint: the dataset's normalisation setting. */
  normalization?: string;
  /** Minimum time between 'batch' events (the last batch of an epoch is always sent). Default 100 ms. */
  batchEventIntervalMs?: number;
  /** Per-layer norms every this many batches, and per-epoch layer statistics; 0 or absent = off. */
  diagnosticsEvery?: number;
  /** The graph node a tfjs layer belongs to (diagnostics name layers by node); default the layer name. */
  nodeOf?: (layerName: string) => string;
  /** Called after each epoch's event (tests use it to watch tensor counts). */
  onEpochEnd?: (epoch: number) => void;
  /** Awaited after an epoch that training continues past (the worker writes the latest weights here). */
  afterEpoch?: (epoch: number) => Promise<void>;
}

/** The best epoch's weights; the caller saves them (best/) and must dispose them. */
export interface BestWeights {
  epoch: number;
  monitor: string;
  metrics: EpochMetrics;
  snapshot: WeightSnapshot;
}

export type FitOutcome =
  | {
      status: 'completed' | 'stopped';
      durationMs: number;
      final: EpochMetrics | null;
      epochsDone: number;
      /** Set when early stopping ended the run. */
      stopReason?: string;
      stopDetail?: LogDetail;
      best: BestWeights | null;
    }
  | { status: 'failed'; error: string; hint?: string; detail?: ErrorDetail; hintDetail?: ErrorDetail; durationMs: number };

export type Emit = (event: TrainEventBody) => void;

/** The final event for an outcome; the worker sends it after saving the weights. */
export function outcomeEvent(outcome: FitOutcome): TrainEventBody {
  return outcome.status === 'failed'
    ? {
        type: 'failed',
        error: outcome.error,
        hint: outcome.hint,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
        ...(outcome.hintDetail ? { hintDetail: outcome.hintDetail } : {}),
      }
    : {
        type: 'done',
        status: outcome.status,
        durationMs: outcome.durationMs,
        final: outcome.final,
        ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}),
        ...(outcome.stopDetail ? { stopDetail: outcome.stopDetail } : {}),
        ...(outcome.best ? { bestEpoch: outcome.best.epoch, best: outcome.best.metrics } : {}),
      };
}

class NonFiniteLossError extends Error {
  constructor(
    message: string,
    readonly errorDetail: ErrorDetail,
  ) {
    super(message);
  }
}

export function nonFiniteHint(learningRate?: number, normalization?: string): string {
  const tips: string[] = [];
  if (learningRate !== undefined && learningRate > 0.05) {
    tips.push(`the learning rate ${learningRate} is probably too high: try 0.001 to 0.01`);
  } else {
    tips.push(`lower the learning rate${learningRate !== undefined ? ` (now ${learningRate})` : ''}, e.g. by 10x`);
  }
  if (normalization === 'none') {
    tips.push("the inputs are not normalised: set the dataset normalisation to 'scale01' or 'standardize'");
  } else {
    tips.push('check that the inputs are normalised and contain no NaN or Infinity values');
  }
  const text = tips.join('; ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

function rowSize(t: TensorData): number {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Rows `order[start..end)` of one array, copied into a fresh tensor (contiguous runs are viewed, not copied). */
export function batchTensor(tf: TF, t: TensorData, order: Int32Array | null, start: number, end: number): tfTypes.Tensor {
  const size = rowSize(t);
  const shape = [end - start, ...t.shape.slice(1)];
  if (!order) return tf.tensor(t.data.subarray(start * size, end * size), shape, t.dtype);
  const out = t.dtype === 'int32' ? new Int32Array((end - start) * size) : new Float32Array((end - start) * size);
  for (let i = start; i < end; i++) {
    const row = order[i];
    out.set(t.data.subarray(row * size, (row + 1) * size), (i - start) * size);
  }
  return tf.tensor(out, shape, t.dtype);
}

function one<T>(list: T[]): T | T[] {
  return list.length === 1 ? list[0] : list;
}

function toList(v: number | number[]): number[] {
  return Array.isArray(v) ? v : [v];
}

/** Weighted running sums of named metrics. */
class MetricSums {
  private sums: number[] = [];
  private weight = 0;
  constructor(private readonly names: string[]) {}
  add(values: number[], w: number): void {
    values.forEach((v, i) => (this.sums[i] = (this.sums[i] ?? 0) + v * w));
    this.weight += w;
  }
  get empty(): boolean {
    return this.weight === 0;
  }
  mean(prefix = ''): Record<string, number> {
    const out: Record<string, number> = {};
    this.names.forEach((n, i) => (out[prefix + n] = (this.sums[i] ?? NaN) / this.weight));
    return out;
  }
  /** Means as metrics; 'loss' is always the first name tfjs reports. */
  metrics(): BatchMetrics {
    return { loss: NaN, ...this.mean() };
  }
  reset(): void {
    this.sums = [];
    this.weight = 0;
  }
}

function checkSplit(split: FitSplit, model: tfTypes.LayersModel, which: string): void {
  if (split.xs.length !== model.inputs.length || split.ys.length !== model.outputs.length) {
    throw new Error(
      `The ${which} data has ${split.xs.length} input(s) and ${split.ys.length} target(s), the model ${model.inputs.length} and ${model.outputs.length}`,
    );
  }
  for (const t of [...split.xs, ...split.ys]) {
    if (t.shape[0] !== split.size) {
      throw new Error(`The ${which} data has an array of ${t.shape[0]} samples where ${split.size} were expected`);
    }
  }
}

function evaluate(tf: TF, model: tfTypes.LayersModel, split: FitSplit, batchSize: number, names: string[]): Record<string, number> {
  const sums = new MetricSums(names);
  for (let start = 0; start < split.size; start += batchSize) {
    const end = Math.min(split.size, start + batchSize);
    const xs = split.xs.map((t) => batchTensor(tf, t, null, start, end));
    const ys = split.ys.map((t) => batchTensor(tf, t, null, start, end));
    const result = model.evaluate(one(xs), one(ys), { batchSize: end - start });
    const scalars = Array.isArray(result) ? result : [result];
    sums.add(
      scalars.map((s) => s.dataSync()[0]),
      end - start,
    );
    tf.dispose([...xs, ...ys, ...scalars]);
  }
  return sums.mean('val_');
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Trains `model` (already compiled) and streams 'started', 'batch', 'epoch', 'paused', 'resumed' events.
 * Returns the outcome instead of emitting 'done'/'failed' so the caller can save weights first.
 */
export async function fitModel(
  tf: TF,
  model: tfTypes.LayersModel,
  data: FitData,
  opts: FitOptions,
  emit: Emit,
  control: TrainControl,
): Promise<FitOutcome> {
  const wallStart = Date.now();
  const { epochs, batchSize } = opts;
  const train = data.train;
  const interval = opts.batchEventIntervalMs ?? 100;
  const snapshot = new WeightSnapshot(tf);
  let tracker: BestTracker | null = null;
  let recorder: NormRecorder | null = null;
  let probe: EpochProbe | null = null;
  const bestOf = (): BestWeights | null =>
    tracker && tracker.bestEpoch >= 0 && !snapshot.empty
      ? { epoch: tracker.bestEpoch, monitor: tracker.monitor, metrics: tracker.bestMetrics!, snapshot }
      : null;
  try {
    if (!(Number.isInteger(epochs) && epochs >= 1)) throw new Error(`'epochs' must be a whole number >= 1, got ${epochs}`);
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`'batchSize' must be a whole number >= 1, got ${batchSize}`);
    if (train.size < 1) throw new Error('The training split is empty');
    checkSplit(train, model, 'training');
    if (data.validation) checkSplit(data.validation, model, 'validation');

    const names = model.metricsNames;
    const optimizer = model.optimizer;
    const baseLr = opts.learningRate ?? optimizerLearningRate(optimizer);
    const scheduler = new LrScheduler(opts.lrSchedule, baseLr, epochs);
    const hasValidation = !!data.validation && data.validation.size > 0;
    const watched = resolveMonitor(opts.earlyStopping?.monitor, hasValidation, names);
    if (watched.note) emit({ type: 'log', level: 'warn', message: watched.note });
    const stopper = opts.earlyStopping ? new EarlyStopper(watched.monitor, opts.earlyStopping) : null;
    // The best epoch is always tracked (best/ weights): by the early-stopping monitor, else val_loss or loss.
    tracker = stopper ? stopper.tracker : new BestTracker(watched.monitor);
    const clip = clipStatsOf(optimizer);
    const batchesPerEpoch = Math.ceil(train.size / batchSize);
    const totalSteps = batchesPerEpoch * epochs;
    emit({
      type: 'started',
      backend: opts.backend,
      epochs,
      batchesPerEpoch,
      trainSamples: train.size,
      valSamples: data.validation?.size ?? 0,
      paramCount: model.countParams(),
    });

    const every = opts.diagnosticsEvery ?? 0;
    if (every > 0 && optimizer) {
      const nodeOf = opts.nodeOf ?? ((name: string) => name);
      recorder = new NormRecorder(tf, optimizer, model, nodeOf);
      const n = Math.min(PROBE_SAMPLES, train.size);
      probe = new EpochProbe(tf, model, nodeOf, train.xs.map((t) => batchTensor(tf, t, null, 0, n)), train.ys.map((t) => batchTensor(tf, t, null, 0, n)));
    }

    const random = rng(opts.seed ?? 1);
    const order = opts.shuffle === false ? null : Int32Array.from({ length: train.size }, (_, i) => i);
    let activeMs = 0; // time spent training, pauses excluded
    let step = 0;
    let lastEmit = -Infinity; // the very first batch is always sent: the chart starts at once
    let final: EpochMetrics | null = null;
    let epochsDone = 0;
    const sinceEmit = new MetricSums(names);
    const epochSums = new MetricSums(names);

    for (let epoch = 0; epoch < epochs; epoch++) {
      if (order) shuffleInPlace(order, random);
      epochSums.reset();
      sinceEmit.reset();
      const lr = scheduler.lrFor(epoch);
      setOptimizerLearningRate(optimizer, lr);
      let normSum = 0;
      let epochActiveMs = 0;
      let epochSamples = 0;
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        // Between batches: let 'stop' / 'pause' messages in, then act on them.
        await yieldToEventLoop();
        if (control.pausing) {
          emit({ type: 'paused' });
          await control.waitForResume();
          if (!control.stopping) emit({ type: 'resumed' });
        }
        if (control.stopping) {
          return { status: 'stopped', durationMs: Date.now() - wallStart, final, epochsDone, best: bestOf() };
        }

        const t0 = performance.now();
        const start = batch * batchSize;
        const end = Math.min(train.size, start + batchSize);
        const xs = train.xs.map((t) => batchTensor(tf, t, order, start, end));
        const ys = train.ys.map((t) => batchTensor(tf, t, order, start, end));
        let values: number[];
        if (recorder && step % every === 0) recorder.arm();
        try {
          values = toList(await model.trainOnBatch(one(xs), one(ys)));
        } finally {
          tf.dispose([...xs, ...ys]);
        }
        const dt = performance.now() - t0;
        activeMs += dt;
        epochActiveMs += dt;
        epochSamples += end - start;
        step++;
        if (!values.every(Number.isFinite)) {
          const message = `The loss became ${values[0]} at epoch ${epoch + 1}, batch ${batch + 1}: training diverged`;
          throw new NonFiniteLossError(message, nonFiniteLossDetail(values[0], epoch + 1, batch + 1, message));
        }
        epochSums.add(values, end - start);
        sinceEmit.add(values, end - start);
        if (clip) normSum += clip.lastNorm;
        const norms = recorder?.take();
        if (norms) emit({ type: 'layerNorms', step: step - 1, layers: norms });

        const now = performance.now();
        const lastOfEpoch = batch === batchesPerEpoch - 1;
        if (lastOfEpoch || now - lastEmit >= interval) {
          lastEmit = now;
          emit({
            type: 'batch',
            epoch,
            batch,
            step: step - 1,
            metrics: sinceEmit.metrics(),
            progress: step / totalSteps,
            samplesPerSec: epochActiveMs > 0 ? (epochSamples * 1000) / epochActiveMs : 0,
            etaSec: ((activeMs / step) * (totalSteps - step)) / 1000,
          });
          sinceEmit.reset();
        }
      }

      const tEval = performance.now();
      const metrics: EpochMetrics = epochSums.metrics();
      if (hasValidation) {
        Object.assign(metrics, evaluate(tf, model, data.validation!, batchSize, names));
      }
      metrics.lr = lr;
      if (clip) metrics.grad_norm = normSum / batchesPerEpoch;
      if (tracker.update(epoch, metrics)) snapshot.take(model);
      const evalMs = performance.now() - tEval;
      activeMs += evalMs;
      final = metrics;
      epochsDone = epoch + 1;
      emit({ type: 'epoch', epoch, metrics, durationMs: epochActiveMs + evalMs });
      if (probe) probe = emitLayerStats(probe, epoch, emit);
      const reduced = scheduler.observe((hasValidation ? metrics.val_loss : metrics.loss) ?? NaN);
      if (reduced) emit({ type: 'log', level: 'info', message: reduced });
      opts.onEpochEnd?.(epoch);
      if (stopper?.shouldStop() && epoch < epochs - 1) {
        const stopReason = stopper.reason(epoch);
        const stopDetail = stopper.reasonDetail(epoch);
        if (stopper.restoreBest) snapshot.restore(model);
        emit({ type: 'log', level: 'info', message: stopReason, detail: stopDetail });
        return { status: 'completed', durationMs: Date.now() - wallStart, final, epochsDone, stopReason, stopDetail, best: bestOf() };
      }
      if (epoch < epochs - 1) await opts.afterEpoch?.(epoch);
    }
    // Training ran to the end: with restoreBest the model still ends on its best weights (as Keras does).
    if (stopper?.restoreBest && tracker.bestEpoch >= 0 && tracker.bestEpoch !== epochsDone - 1) {
      snapshot.restore(model);
      emit({
        type: 'log',
        level: 'info',
        message: `Restored the weights of epoch ${tracker.bestEpoch + 1} (best ${tracker.monitor}).`,
        detail: { code: 'weights.restored', params: { epoch: tracker.bestEpoch + 1, monitor: tracker.monitor } },
      });
    }
    return { status: 'completed', durationMs: Date.now() - wallStart, final, epochsDone, best: bestOf() };
  } catch (err) {
    snapshot.dispose();
    const durationMs = Date.now() - wallStart;
    if (err instanceof NonFiniteLossError) {
      const hint = nonFiniteHint(opts.learningRate, opts.normalization);
      const hintDetail = nonFiniteHintDetail(hint, opts.learningRate, opts.normalization);
      return { status: 'failed', error: err.message, hint, detail: err.errorDetail, hintDetail, durationMs };
    }
    const error = err instanceof Error ? err.message : String(err);
    const detail = engineFailureDetail(error);
    return { status: 'failed', error, ...(detail ? { detail } : {}), durationMs };
  } finally {
    recorder?.release();
    probe?.dispose();
  }
}

/** Sends one epoch's layer statistics; a failure is logged once and ends them for the run (never the run itself). */
function emitLayerStats(probe: EpochProbe, epoch: number, emit: Emit): EpochProbe | null {
  try {
    emit({ type: 'layerStats', stats: probe.stats(epoch) });
    return probe;
  } catch (err) {
    emit({ type: 'log', level: 'warn', message: `Layer statistics are off for this run: ${err instanceof Error ? err.message : String(err)}` });
    probe.dispose();
    return null;
  }
}
