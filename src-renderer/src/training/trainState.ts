// The training panel's state and how each TrainEvent changes it. Pure apart from appending chart points.
import type { BackendInfo, BatchMetrics, EpochMetrics, EvaluationResult, LogDetail, RunEngine, TrainEvent } from '../../../shared/api';
import type { RunSeries } from './series';
import { errorDetailText } from '../../../shared/i18n/error-text';

export type TrainStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'completed' | 'stopped' | 'failed';

export interface TrainView {
  status: TrainStatus;
  runId: string | null;
  /** The id (extras.graphId) and name of the graph this run trains: results belong to that graph only. */
  graphId: string | null;
  graphName: string;
  backend: BackendInfo | null;
  /** Set when the PyTorch engine trains (backend then only evaluates). */
  engine: RunEngine | null;
  epochs: number;
  batchesPerEpoch: number;
  trainSamples: number;
  valSamples: number;
  paramCount: number;
  /** 0-based epoch currently running. */
  epoch: number;
  progress: number;
  samplesPerSec: number;
  etaSec: number;
  lastBatch: BatchMetrics | null;
  lastEpoch: EpochMetrics | null;
  durationMs: number;
  error: string | null;
  hint: string | null;
  /** `message` as the host wrote it (English); `detail` says it in the chosen language at render time (logLineText). */
  log: { level: 'info' | 'warn' | 'error'; message: string; detail?: LogDetail }[];
  /** Why training ended early (early stopping). */
  stopReason: string | null;
  stopDetail?: LogDetail;
  /** Test results after training, when the trainer evaluated. */
  evaluation: EvaluationResult | null;
}

export const IDLE: TrainView = {
  status: 'idle',
  runId: null,
  graphId: null,
  graphName: '',
  backend: null,
  engine: null,
  epochs: 0,
  batchesPerEpoch: 0,
  trainSamples: 0,
  valSamples: 0,
  paramCount: 0,
  epoch: 0,
  progress: 0,
  samplesPerSec: 0,
  etaSec: 0,
  lastBatch: null,
  lastEpoch: null,
  durationMs: 0,
  error: null,
  hint: null,
  log: [],
  stopReason: null,
  evaluation: null,
};

const LOG_LIMIT = 200;

/** Accuracy under either name tfjs uses. */
export function accuracyOf(m: BatchMetrics | EpochMetrics, prefix = ''): number | undefined {
  return m[`${prefix}acc`] ?? m[`${prefix}accuracy`];
}

export function isActive(status: TrainStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
}

export function reduceTrainEvent(view: TrainView, ev: TrainEvent, series: RunSeries): TrainView {
  switch (ev.type) {
    case 'started':
      return {
        ...view,
        status: view.status === 'stopping' ? 'stopping' : 'running',
        runId: ev.runId,
        backend: ev.backend,
        engine: ev.engine ?? null,
        epochs: ev.epochs,
        batchesPerEpoch: ev.batchesPerEpoch,
        trainSamples: ev.trainSamples,
        valSamples: ev.valSamples,
        paramCount: ev.paramCount,
      };
    case 'batch': {
      series.lossBatch.push(ev.step + 1, ev.metrics.loss);
      const acc = accuracyOf(ev.metrics);
      if (acc !== undefined) series.accBatch.push(ev.step + 1, acc);
      return {
        ...view,
        status: view.status === 'starting' ? 'running' : view.status,
        epoch: ev.epoch,
        progress: ev.progress,
        samplesPerSec: ev.samplesPerSec,
        etaSec: ev.etaSec,
        lastBatch: ev.metrics,
      };
    }
    case 'epoch': {
      // Epoch points sit at the step where the epoch ends, on the same x axis as the batches.
      const x = (ev.epoch + 1) * Math.max(1, view.batchesPerEpoch);
      series.lossEpoch.push(x, ev.metrics.loss);
      if (ev.metrics.val_loss !== undefined) series.valLossEpoch.push(x, ev.metrics.val_loss);
      const acc = accuracyOf(ev.metrics);
      if (acc !== undefined) series.accEpoch.push(x, acc);
      const valAcc = accuracyOf(ev.metrics, 'val_');
      if (valAcc !== undefined) series.valAccEpoch.push(x, valAcc);
      if (ev.metrics.lr !== undefined) series.lrEpoch.push(x, ev.metrics.lr);
      return { ...view, lastEpoch: ev.metrics, epoch: ev.epoch };
    }
    case 'log':
      return { ...view, log: [...view.log, { level: ev.level, message: ev.message, ...(ev.detail ? { detail: ev.detail } : {}) }].slice(-LOG_LIMIT) };
    case 'paused':
      return { ...view, status: 'paused' };
    case 'resumed':
      return { ...view, status: 'running' };
    case 'done':
      return {
        ...view,
        status: ev.status,
        durationMs: ev.durationMs,
        lastEpoch: ev.final ?? view.lastEpoch,
        progress: ev.status === 'completed' ? 1 : view.progress,
        etaSec: 0,
        stopReason: ev.stopReason ?? null,
        ...(ev.stopDetail ? { stopDetail: ev.stopDetail } : {}),
      };
    case 'failed':
      // The failure line in the chosen language (the English text when the event has no code).
      return { ...view, status: 'failed', error: ev.detail ? errorDetailText(ev.detail) : ev.error, hint: ev.hintDetail ? errorDetailText(ev.hintDetail) : (ev.hint ?? null), etaSec: 0 };
    case 'evaluation':
      return { ...view, evaluation: ev.evaluation };
    case 'layerNorms':
      series.layers.addNorms(ev.step, ev.layers);
      return view;
    case 'layerStats':
      series.layers.addStats(ev.stats);
      return view;
  }
}

/** Elapsed time and ETA, for the current language (shared/i18n/format.ts). */
export { formatDuration } from '../../../shared/i18n/format';
