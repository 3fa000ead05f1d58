// The exported script's engine protocol as LayerLab reads it (src-main/export/pytorch/train-loop-py.ts writes it):
// stdout lines starting with EVENT_PREFIX carry one JSON event; everything else is ordinary output for the log.
// Values that were NaN or Infinity in Python arrive as null. Events are checked here, at the process boundary.
import type { BatchMetrics, EpochMetrics } from '../../../shared/api';
import { EVENT_PREFIX } from '../../export/pytorch/train-loop-py';

/** Per-output metrics as the script reports them; LayerLab's names come from the tfjs model (namedMetrics). */
export interface TorchMetrics {
  loss: number | null;
  losses: (number | null)[];
  acc: (number | null)[];
  val_loss?: number | null;
  val_losses?: (number | null)[];
  val_acc?: (number | null)[];
  lr?: number | null;
  grad_norm?: number | null;
}

export type TorchEvent =
  | { type: 'started'; params: number; device: string; world: number; train: number; val: number; batches_per_epoch: number; torch: string }
  | { type: 'batch'; epoch: number; batch: number; step: number; metrics: TorchMetrics; progress: number; samples_per_sec: number; eta_sec: number }
  | { type: 'epoch'; epoch: number; metrics: TorchMetrics; seconds: number; train_seconds: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'paused' }
  | { type: 'resumed' }
  | {
      type: 'end';
      status: 'completed' | 'stopped';
      epochs_done: number;
      stop_reason: string | null;
      best_epoch: number | null;
      final: string | null;
      best_weights: string | null;
      train_seconds: number;
    }
  | { type: 'error'; kind: 'diverged' | 'oom' | 'exception'; message: string; traceback?: string };

const REQUIRED: Record<TorchEvent['type'], string[]> = {
  started: ['params', 'device', 'world', 'train', 'val', 'batches_per_epoch'],
  batch: ['epoch', 'batch', 'step', 'metrics', 'progress'],
  epoch: ['epoch', 'metrics', 'seconds'],
  log: ['level', 'message'],
  paused: [],
  resumed: [],
  end: ['status', 'epochs_done'],
  error: ['kind', 'message'],
};

/** The event on a line, null for an ordinary output line; throws when a line with the prefix is not a valid event. */
export function parseEventLine(line: string): TorchEvent | null {
  if (!line.startsWith(EVENT_PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(EVENT_PREFIX.length));
  } catch (err) {
    throw new Error(`the PyTorch script wrote an unreadable event (${(err as Error).message}): ${line.slice(0, 200)}`);
  }
  const e = value as Record<string, unknown>;
  const type = e && typeof e === 'object' ? (e.type as TorchEvent['type']) : undefined;
  const required = type ? REQUIRED[type] : undefined;
  if (!required) throw new Error(`the PyTorch script wrote an event of unknown type: ${line.slice(0, 200)}`);
  const missing = required.filter((k) => !(k in e));
  if (missing.length) throw new Error(`the PyTorch script's '${type}' event lacks ${missing.join(', ')}`);
  return e as unknown as TorchEvent;
}

const num = (v: number | null | undefined): number => (typeof v === 'number' ? v : NaN);

/**
 * The script's per-output values under the names the tfjs model reports (model.metricsNames): 'loss' and 'acc'
 * for one output; 'loss', '<layer>_loss', '<layer>_acc' for several (tfjs's naming), val_ versions, lr, grad_norm.
 */
export function namedMetrics(names: string[], outputLayers: string[], m: TorchMetrics): EpochMetrics {
  const out: EpochMetrics = { loss: num(m.loss) };
  const add = (prefix: string, losses: (number | null)[] | undefined, acc: (number | null)[] | undefined, total: number | null | undefined) => {
    for (const name of names) {
      if (name === 'loss') {
        if (total !== undefined) out[`${prefix}loss`] = num(total);
      } else if (outputLayers.length === 1 && name === 'acc') {
        if (acc?.[0] != null) out[`${prefix}acc`] = acc[0];
      } else {
        const i = outputLayers.findIndex((l) => name === `${l}_loss` || name === `${l}_acc`);
        if (i < 0) continue;
        const v = name.endsWith('_loss') ? losses?.[i] : acc?.[i];
        if (v != null) out[`${prefix}${name}`] = v;
      }
    }
  };
  add('', m.losses, m.acc, m.loss);
  if (m.val_loss !== undefined) add('val_', m.val_losses, m.val_acc, m.val_loss);
  if (m.lr != null) out.lr = m.lr;
  if (m.grad_norm != null) out.grad_norm = m.grad_norm;
  return out;
}

export function namedBatchMetrics(names: string[], outputLayers: string[], m: TorchMetrics): BatchMetrics {
  return namedMetrics(names, outputLayers, m);
}
