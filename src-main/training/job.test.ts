import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TrainEventBody } from '../../shared/api';
import { runJob, BEST_DIR, MODEL_DIR } from './job';
import { TrainControl } from './control';
import { loadModelFromFolder } from './model-files';
import { fitDataOf, loadMnist, mlpGraph } from './testing/fixtures';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-job-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('runJob (in-process)', () => {
  it('trains a graph on the bundled MNIST digits and saves weights that load and predict', async () => {
    const graph = mlpGraph({ epochs: 2, limit: 400 });
    const runDir = path.join(tmp, 'run1');
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'run1', graph, runDir, cacheDir: tmp }, (e) => events.push(e), new TrainControl());
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'done', status: 'completed' });
    expect(events.find((e) => e.type === 'started')).toMatchObject({ backend: { name: 'cpu' }, trainSamples: 320, valSamples: 80 });
    const final = last.type === 'done' ? last.final : null;
    expect(final?.val_acc).toBeGreaterThan(0.5);

    const files = await fs.readdir(path.join(runDir, MODEL_DIR));
    expect(files.sort()).toEqual(['model.json', 'weights.bin']);
    const model = await loadModelFromFolder(path.join(runDir, MODEL_DIR), tf);
    // The reloaded model scores the validation digits as the trained one did.
    const mnist = await loadMnist(400);
    const val = fitDataOf(mnist).validation!;
    const x = tf.tensor(val.xs[0].data, val.xs[0].shape);
    const y = tf.tensor(val.ys[0].data, val.ys[0].shape);
    const pred = model.predict(x) as tf.Tensor;
    const acc = tf.metrics.categoricalAccuracy(y, pred).mean().dataSync()[0];
    expect(acc).toBeCloseTo(final!.val_acc!, 5);
    tf.dispose([x, y, pred]);
    model.dispose();
  });

  it('with every feature on: saves last and best weights, evaluates on the test digits before done', async () => {
    const graph = mlpGraph({
      epochs: 30,
      limit: 150,
      hidden: 64,
      training: {
        optimizer: 'adamw',
        weightDecay: 0.01,
        lrSchedule: { type: 'exponential', gamma: 0.9 },
        earlyStopping: { monitor: 'val_loss', patience: 2, restoreBest: false },
        gradientClip: { clipNorm: 5 },
      },
    });
    const runDir = path.join(tmp, 'run-all');
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'run-all', graph, runDir, cacheDir: tmp }, (e) => events.push(e), new TrainControl());
    const types = events.map((e) => e.type);
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(types[types.length - 2]).toBe('evaluation'); // evaluation comes right before done
    const epochs = events.filter((e): e is Extract<TrainEventBody, { type: 'epoch' }> => e.type === 'epoch');
    expect(epochs.map((e) => e.metrics.lr)).toEqual(epochs.map((_, i) => 0.01 * 0.9 ** i));
    expect(epochs.every((e) => (e.metrics.grad_norm ?? 0) > 0)).toBe(true);
    expect(done.stopReason).toMatch(/Early stopping after epoch \d+: val_loss did not improve for 2 epochs/);
    const vals = epochs.map((e) => e.metrics.val_loss!);
    expect(done.bestEpoch).toBe(vals.indexOf(Math.min(...vals)));
    expect(done.best?.val_loss).toBe(Math.min(...vals));

    // best/ holds the best epoch's weights, model/ the last (restoreBest is off).
    const mnist = await loadMnist(150);
    const val = fitDataOf(mnist).validation!;
    const x = tf.tensor(val.xs[0].data, val.xs[0].shape);
    const y = tf.tensor(val.ys[0].data, val.ys[0].shape);
    const lossOf = async (dir: string) => {
      const m = await loadModelFromFolder(path.join(runDir, dir), tf);
      m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
      const l = m.evaluate(x, y) as tf.Scalar;
      const v = l.dataSync()[0];
      tf.dispose(l);
      m.dispose();
      return v;
    };
    expect(await lossOf(BEST_DIR)).toBeCloseTo(done.best!.val_loss!, 4);
    expect(await lossOf(MODEL_DIR)).toBeCloseTo(done.final!.val_loss!, 4);
    tf.dispose([x, y]);

    const ev = events[events.length - 2];
    if (ev.type !== 'evaluation') return;
    const r = ev.evaluation;
    expect(r).toMatchObject({ split: 'test', samples: 2000, image: { height: 28, width: 28, channels: 1 } });
    expect(r.classification!.confusion.flat().reduce((a, v) => a + v, 0)).toBe(2000);
    expect(r.classification!.classNames).toHaveLength(10);
    expect(r.gallery).toHaveLength(32);
    expect(r.gallery![0].pixels).toHaveLength(784);
    console.log(`job with all features: ${epochs.length} epochs, best epoch ${done.bestEpoch! + 1}, test accuracy ${r.accuracy!.toFixed(3)} in ${r.durationMs.toFixed(0)} ms`);
  });

  it('reports a dataset problem as a failed run with a message naming the dataset', async () => {
    const graph = mlpGraph();
    graph.dataset = { ...graph.dataset, id: 'no-such-data' };
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'run2', graph, runDir: path.join(tmp, 'run2'), cacheDir: tmp }, (e) => events.push(e), new TrainControl());
    expect(events[events.length - 1]).toMatchObject({ type: 'failed', error: expect.stringMatching(/no-such-data/) });
  });

  it('stops before training when stop came during loading', async () => {
    const control = new TrainControl();
    control.stop();
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'run3', graph: mlpGraph(), runDir: path.join(tmp, 'run3'), cacheDir: tmp }, (e) => events.push(e), control);
    expect(events[events.length - 1]).toMatchObject({ type: 'done', status: 'stopped', final: null });
    expect(events.some((e) => e.type === 'batch')).toBe(false);
  });
});
