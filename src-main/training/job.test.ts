import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TrainEventBody } from '../../shared/api';
import { runJob, MODEL_DIR } from './job';
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
