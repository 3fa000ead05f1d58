// Learning-rate schedules, early stopping, best weights and gradient clipping inside the real fit loop,
// on a few hundred real MNIST digits.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, TrainEventBody } from '../../shared/api';
import type { TrainingConfig } from '../../shared/graph/types';
import { makeOptimizer } from '../engine/optimizers';
import { fitModel, type FitData, type FitOptions } from './fit-loop';
import { TrainControl } from './control';
import { fitDataOf, loadMnist } from './testing/fixtures';

const backend = { name: 'cpu' as const, reason: 'test' };
let data: FitData; // 480 train + 120 validation digits
let small: FitData; // 120 train + 30 validation digits: overfits quickly

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = fitDataOf(await loadMnist(600));
  small = fitDataOf(await loadMnist(150));
});

type Of<T extends TrainEventBody['type']> = Extract<TrainEventBody, { type: T }>;
function byType<T extends TrainEventBody['type']>(events: TrainEventBody[], type: T): Of<T>[] {
  return events.filter((e): e is Of<T> => e.type === type);
}

function opts(patch: Partial<FitOptions> = {}): FitOptions {
  return { epochs: 2, batchSize: 32, backend, seed: 1, batchEventIntervalMs: 1e9, ...patch };
}

type OptConfig = Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'gradientClip' | 'weightDecay'>;
function mlp(hidden: number, training: OptConfig, loss = 'categoricalCrossentropy'): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 10, activation: loss === 'categoricalCrossentropy' ? 'softmax' : 'linear' }),
    ],
  });
  model.compile({ optimizer: makeOptimizer(training, tf), loss, metrics: loss === 'categoricalCrossentropy' ? ['accuracy'] : [] });
  return model;
}

function valLoss(model: tf.LayersModel, d: FitData): number {
  const v = d.validation!;
  const x = tf.tensor(v.xs[0].data, v.xs[0].shape);
  const y = tf.tensor(v.ys[0].data, v.ys[0].shape);
  const out = model.evaluate(x, y) as tf.Scalar[];
  const loss = out[0].dataSync()[0];
  tf.dispose([x, y, ...out]);
  return loss;
}

describe('learning-rate schedule in the fit loop', () => {
  it('reports each epoch\'s rate as metrics.lr and the optimizer really uses it', async () => {
    const model = mlp(16, { optimizer: 'sgd', learningRate: 0.2 });
    const seen: number[] = [];
    const events: TrainEventBody[] = [];
    await fitModel(
      tf,
      model,
      data,
      opts({ epochs: 5, learningRate: 0.2, lrSchedule: { type: 'step', stepEpochs: 2, gamma: 0.5 }, onEpochEnd: () => seen.push((model.optimizer as unknown as { learningRate: number }).learningRate) }),
      (e) => events.push(e),
      new TrainControl(),
    );
    const lrs = byType(events, 'epoch').map((e) => e.metrics.lr);
    expect(lrs).toEqual([0.2, 0.2, 0.1, 0.1, 0.05]);
    expect(seen).toEqual(lrs);
    model.dispose();
  });

  it('reduce-on-plateau lowers the rate when val_loss stalls and logs it', async () => {
    // lr 0 after the first epoch would be a plateau for sure; instead use a tiny set that overfits (val_loss rises).
    const model = mlp(64, { optimizer: 'adam', learningRate: 0.01 });
    const events: TrainEventBody[] = [];
    await fitModel(tf, model, small, opts({ epochs: 14, learningRate: 0.01, lrSchedule: { type: 'plateau', patience: 1, factor: 0.5 } }), (e) => events.push(e), new TrainControl());
    const epochs = byType(events, 'epoch');
    const lrs = epochs.map((e) => e.metrics.lr!);
    console.log(`plateau: val_loss ${epochs.map((e) => e.metrics.val_loss!.toFixed(3)).join(' ')}; lr ${lrs.join(' ')}`);
    expect(lrs[0]).toBe(0.01);
    expect(lrs[lrs.length - 1]).toBeLessThan(0.01);
    // Every reduction is a halving and follows two epochs without a new best val_loss.
    let best = Infinity;
    let wait = 0;
    for (let i = 0; i < epochs.length - 1; i++) {
      const v = epochs[i].metrics.val_loss!;
      if (v < best * (1 - 1e-4)) {
        best = v;
        wait = 0;
      } else wait++;
      const reduced = lrs[i + 1] < lrs[i];
      expect(reduced, `epoch ${i + 1}`).toBe(wait > 1);
      if (reduced) {
        expect(lrs[i + 1]).toBeCloseTo(lrs[i] / 2, 12);
        wait = 0;
      }
    }
    expect(byType(events, 'log').some((l) => /reduced on plateau/.test(l.message))).toBe(true);
    model.dispose();
  });
});

describe('early stopping and best weights', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const model = mlp(64, { optimizer: 'adam', learningRate: 0.01 });
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(
      tf,
      model,
      small,
      opts({ epochs: 40, earlyStopping: { monitor: 'val_loss', patience: 3, restoreBest: true } }),
      (e) => events.push(e),
      new TrainControl(),
    );
    expect(outcome.status).toBe('completed');
    if (outcome.status === 'failed') return;
    const epochs = byType(events, 'epoch').map((e) => e.metrics);
    const vals = epochs.map((m) => m.val_loss!);
    const bestEpoch = vals.indexOf(Math.min(...vals));
    console.log(`early stopping: ${epochs.length} epochs, best val_loss ${vals[bestEpoch].toFixed(4)} at epoch ${bestEpoch + 1}; ${outcome.stopReason}`);
    expect(epochs.length).toBeLessThan(40);
    expect(epochs.length).toBe(bestEpoch + 1 + 3); // exactly patience epochs after the best
    expect(outcome.epochsDone).toBe(epochs.length);
    expect(outcome.stopReason).toMatch(new RegExp(`val_loss did not improve for 3 epochs \\(best .* at epoch ${bestEpoch + 1}\\)`));
    expect(outcome.best?.epoch).toBe(bestEpoch);
    expect(outcome.best?.metrics.val_loss).toBe(vals[bestEpoch]);
    // The model now holds the best epoch's weights: its validation loss is that epoch's, not the last one's.
    const restored = valLoss(model, small);
    expect(restored).toBeCloseTo(vals[bestEpoch], 5);
    expect(Math.abs(restored - vals[vals.length - 1])).toBeGreaterThan(1e-3);
    const done = byType(events, 'log').map((l) => l.message).join('\n');
    expect(done).toMatch(/Early stopping after epoch/);
    outcome.best?.snapshot.dispose();
    model.dispose();
  });

  it('without restoreBest keeps the last weights but still hands back the best ones', async () => {
    const model = mlp(64, { optimizer: 'adam', learningRate: 0.01 });
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(tf, model, small, opts({ epochs: 40, earlyStopping: { monitor: 'val_acc', patience: 2, restoreBest: false } }), (e) => events.push(e), new TrainControl());
    if (outcome.status === 'failed') throw new Error(outcome.error);
    const epochs = byType(events, 'epoch').map((e) => e.metrics);
    const accs = epochs.map((m) => m.val_acc!);
    const bestEpoch = accs.indexOf(Math.max(...accs)); // first maximum: later ties are no improvement
    expect(outcome.best?.epoch).toBe(bestEpoch);
    expect(epochs.length).toBe(Math.min(40, bestEpoch + 1 + 2));
    expect(valLoss(model, small)).toBeCloseTo(epochs[epochs.length - 1].val_loss!, 5);
    // The snapshot is the best epoch's weights.
    outcome.best!.snapshot.restore(model);
    expect(valLoss(model, small)).toBeCloseTo(epochs[bestEpoch].val_loss!, 5);
    outcome.best?.snapshot.dispose();
    model.dispose();
  });

  it("watches 'loss' (with a warning) when asked for val_loss without a validation split", async () => {
    const model = mlp(8, { optimizer: 'adam', learningRate: 0.01 });
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(tf, model, { train: small.train, validation: null }, opts({ epochs: 2, earlyStopping: { monitor: 'val_loss', patience: 1 } }), (e) => events.push(e), new TrainControl());
    expect(byType(events, 'log')[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/watches 'loss' instead of 'val_loss'/) });
    if (outcome.status !== 'failed') outcome.best?.snapshot.dispose();
    model.dispose();
  });
});

describe('gradient clipping in the fit loop', () => {
  it('tames a setup whose gradients explode: unclipped it diverges, clipped the loss goes down', async () => {
    // Raw 0..255 pixels, MSE on one-hot targets, plain SGD: the first gradients are enormous.
    const raw = fitDataOf(await loadMnist(600, { normalization: 'none' }));
    const unclipped = mlp(32, { optimizer: 'sgd', learningRate: 0.1 }, 'meanSquaredError');
    const a = await fitModel(tf, unclipped, raw, opts({ epochs: 2 }), () => {}, new TrainControl());
    // Measured: NaN within the first 5 batches (at lr 0.05 it reaches a loss of ~1e14 instead).
    expect(a.status === 'failed' || (a.final?.loss ?? 0) > 1e6).toBe(true);
    unclipped.dispose();

    const clipped = mlp(32, { optimizer: 'sgd', learningRate: 0.1, gradientClip: { clipNorm: 1 } }, 'meanSquaredError');
    const events: TrainEventBody[] = [];
    const b = await fitModel(tf, clipped, raw, opts({ epochs: 4, batchEventIntervalMs: 0 }), (e) => events.push(e), new TrainControl());
    expect(b.status).toBe('completed');
    const epochs = byType(events, 'epoch').map((e) => e.metrics as EpochMetrics);
    const batches = byType(events, 'batch');
    console.log(`clipping: first batch loss ${batches[0].metrics.loss.toExponential(2)}, epoch losses ${epochs.map((m) => m.loss.toExponential(2)).join(' ')}, grad_norm ${epochs.map((m) => m.grad_norm!.toExponential(2)).join(' ')}, unclipped: ${a.status === 'failed' ? a.error : a.final?.loss}`);
    expect(epochs[3].loss).toBeLessThan(epochs[0].loss / 10);
    expect(epochs[3].loss).toBeLessThan(1);
    expect(epochs[3].loss).toBeLessThan(batches[0].metrics.loss);
    // The reported pre-clip norm is far above the bound: clipping was really doing the work.
    expect(epochs[0].grad_norm).toBeGreaterThan(10);
    clipped.dispose();
  });
});

describe('memory with every feature on', () => {
  it('has the same tensor count after epoch 1 and epoch 10 (schedule, early stopping, best weights, clipping, AdamW)', async () => {
    const model = mlp(16, { optimizer: 'adamw', learningRate: 0.01, weightDecay: 0.01, gradientClip: { clipNorm: 1, clipValue: 0.5 } });
    const counts: number[] = [];
    const outcome = await fitModel(
      tf,
      model,
      data,
      opts({
        epochs: 10,
        lrSchedule: { type: 'cosine', minLr: 0.001 },
        earlyStopping: { monitor: 'val_loss', patience: 100, restoreBest: true },
        onEpochEnd: () => counts.push(tf.memory().numTensors),
      }),
      () => {},
      new TrainControl(),
    );
    expect(outcome.status).toBe('completed');
    console.log(`tensor counts after each epoch (all features): ${counts.join(', ')}`);
    expect(counts).toHaveLength(10);
    expect(counts[9]).toBe(counts[0]);
    if (outcome.status !== 'failed') outcome.best?.snapshot.dispose();
    model.dispose();
  });
});
