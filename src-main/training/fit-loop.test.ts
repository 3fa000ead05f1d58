import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { TrainEventBody } from '../../shared/api';
import type { LoadedDataset } from '../data/types';
import { fitModel, type FitData, type FitOptions } from './fit-loop';
import { TrainControl } from './control';
import { fitDataOf, loadMnist, mlp } from './testing/fixtures';

const backend = { name: 'cpu' as const, reason: 'test' };
let mnist: LoadedDataset; // 480 train + 120 validation real digits
let data: FitData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  mnist = await loadMnist(600);
  data = fitDataOf(mnist);
});

function opts(patch: Partial<FitOptions> = {}): FitOptions {
  return { epochs: 2, batchSize: 32, backend, seed: 1, batchEventIntervalMs: 0, ...patch };
}

type Of<T extends TrainEventBody['type']> = Extract<TrainEventBody, { type: T }>;
function byType<T extends TrainEventBody['type']>(events: TrainEventBody[], type: T): Of<T>[] {
  return events.filter((e): e is Of<T> => e.type === type);
}

describe('fitModel', () => {
  it('learns real MNIST digits: loss drops and validation accuracy is far above chance', async () => {
    const model = mlp(tf, [32]);
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(tf, model, data, opts({ epochs: 3 }), (e) => events.push(e), new TrainControl());
    expect(outcome.status).toBe('completed');

    const started = byType(events, 'started')[0];
    expect(events[0]).toBe(started);
    expect(started).toMatchObject({ epochs: 3, batchesPerEpoch: 15, trainSamples: 480, valSamples: 120, paramCount: 784 * 32 + 32 + 330 });

    const batches = byType(events, 'batch');
    expect(batches).toHaveLength(45); // interval 0: every batch
    expect(batches.map((b) => b.step)).toEqual([...Array(45).keys()]);
    const firstLoss = (batches[0].metrics.loss + batches[1].metrics.loss + batches[2].metrics.loss) / 3;
    const epochs = byType(events, 'epoch');
    expect(epochs).toHaveLength(3);
    const last = epochs[2].metrics;
    console.log(`first batches loss ${firstLoss.toFixed(3)}, epoch 3 loss ${last.loss.toFixed(3)}, val_acc ${last.val_acc?.toFixed(3)}`);
    expect(last.loss).toBeLessThan(firstLoss * 0.5);
    expect(epochs[1].metrics.loss).toBeLessThan(epochs[0].metrics.loss);
    expect(last.val_acc).toBeGreaterThan(0.6); // chance is 0.1
    expect(last.val_loss).toBeGreaterThan(0);
    expect(outcome.status === 'completed' && outcome.final).toEqual(last);

    expect(batches[44].progress).toBe(1);
    expect(batches[44].etaSec).toBe(0);
    expect(batches[10].etaSec).toBeGreaterThan(0);
    expect(batches[10].samplesPerSec).toBeGreaterThan(0);
    model.dispose();
  });

  it('throttles batch events but always sends the last batch of each epoch', async () => {
    const model = mlp(tf, [8]);
    const events: TrainEventBody[] = [];
    await fitModel(tf, model, data, opts({ epochs: 2, batchEventIntervalMs: 1e9 }), (e) => events.push(e), new TrainControl());
    const batches = byType(events, 'batch');
    // The very first batch and the last of each epoch.
    expect(batches.map((b) => [b.epoch, b.batch])).toEqual([
      [0, 0],
      [0, 14],
      [1, 14],
    ]);
    // The metrics of an event average every batch since the previous event.
    expect(batches[1].metrics.loss).toBeGreaterThan(0);
    model.dispose();
  });

  it('keeps the tensor count flat across epochs (no leaks)', async () => {
    const model = mlp(tf, [16]);
    const counts: number[] = [];
    await fitModel(tf, model, data, opts({ epochs: 4, onEpochEnd: () => counts.push(tf.memory().numTensors) }), () => {}, new TrainControl());
    expect(counts).toHaveLength(4);
    console.log(`tensor counts after each epoch: ${counts.join(', ')}`);
    expect(counts[3]).toBe(counts[0]);
    model.dispose();
  });

  it('stops within one batch of the request', async () => {
    const model = mlp(tf, [16]);
    const control = new TrainControl();
    const events: TrainEventBody[] = [];
    let requestedAt = -1;
    const outcome = await fitModel(
      tf,
      model,
      data,
      opts({ epochs: 5 }),
      (e) => {
        events.push(e);
        // Like a 'stop' message arriving from main: delivered by the event loop, not inline.
        if (e.type === 'batch' && e.step === 20 && requestedAt < 0) {
          requestedAt = e.step;
          setTimeout(() => control.stop(), 0);
        }
      },
      control,
    );
    expect(outcome.status).toBe('stopped');
    const steps = byType(events, 'batch').map((b) => b.step);
    expect(Math.max(...steps) - requestedAt).toBeLessThanOrEqual(1);
    expect(outcome.status === 'stopped' && outcome.epochsDone).toBe(1);
    model.dispose();
  });

  it('pauses between batches and resumes where it left off', async () => {
    const model = mlp(tf, [8]);
    const control = new TrainControl();
    const events: TrainEventBody[] = [];
    let batchesWhilePaused = -1;
    const outcome = await fitModel(
      tf,
      model,
      data,
      opts({ epochs: 2 }),
      (e) => {
        events.push(e);
        if (e.type === 'batch' && e.step === 5) control.pause();
        if (e.type === 'paused') {
          const before = byType(events, 'batch').length;
          setTimeout(() => {
            batchesWhilePaused = byType(events, 'batch').length - before;
            control.resume();
          }, 300);
        }
      },
      control,
    );
    expect(outcome.status).toBe('completed');
    expect(batchesWhilePaused).toBe(0);
    const types = events.map((e) => e.type);
    const paused = types.indexOf('paused');
    expect(types[paused + 1]).toBe('resumed');
    const afterResume = events[paused + 2] as Of<'batch'>;
    expect(afterResume.step).toBe(6); // carries on with the next batch
    expect(byType(events, 'batch')).toHaveLength(30);
    model.dispose();
  });

  it('fails with a hint when the loss becomes NaN (NaN in the data)', async () => {
    const model = mlp(tf, [8]);
    const x = data.train.xs[0];
    const poisoned = new Float32Array(x.data);
    poisoned.fill(NaN, 0, 784 * data.train.size); // every sample
    const bad: FitData = { train: { ...data.train, xs: [{ ...x, data: poisoned }] }, validation: null };
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(tf, model, bad, opts({ normalization: 'none', learningRate: 0.01 }), (e) => events.push(e), new TrainControl());
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error).toMatch(/loss became NaN at epoch 1, batch 1/);
    expect(outcome.hint).toMatch(/not normalised/);
    expect(byType(events, 'batch')).toHaveLength(0);
    model.dispose();
  });

  it('fails with a learning-rate hint when a huge learning rate blows the loss up', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 32, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10 })],
    });
    model.compile({ optimizer: tf.train.sgd(1e6), loss: 'meanSquaredError' });
    const outcome = await fitModel(tf, model, data, opts({ epochs: 3, learningRate: 1e6 }), () => {}, new TrainControl());
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error).toMatch(/loss became (NaN|Infinity)/);
    expect(outcome.hint).toMatch(/learning rate 1000000 is probably too high/);
    model.dispose();
  });

  it('reports bad data instead of throwing', async () => {
    const model = mlp(tf, [8]);
    const outcome = await fitModel(tf, model, { train: { ...data.train, size: 10 }, validation: null }, opts(), () => {}, new TrainControl());
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/480 samples where 10 were expected/) });
    model.dispose();
  });
});
