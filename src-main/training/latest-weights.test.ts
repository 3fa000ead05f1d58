// Trying a run while it trains: a tiny MNIST MLP trains 3 epochs and is paused after epoch 1; by then latest/
// holds that epoch's weights (they score the validation split as the epoch-1 event said), the Try loader uses them
// for the running run and says so, and once the run is finished it uses model/ (latest/ is gone).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord, TrainEventBody } from '../../shared/api';
import { runJob, MODEL_DIR } from './job';
import { TrainControl } from './control';
import { loadModelFromFolder } from './model-files';
import { fitDataOf, loadMnist, mlpGraph } from './testing/fixtures';
import { RunStore, newRunId } from './run-store';
import { findLatestWeights, LATEST_DIR, LatestWeightsWriter, MIN_INTERVAL_MS, latestWriteDue } from './latest-weights';
import { loadTryRun } from '../predict/load-run';
import { predictRun } from '../predict/predict';
import { initBackend } from '../engine/backend';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-latest-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

type EpochEvent = Extract<TrainEventBody, { type: 'epoch' }>;

/** Validation loss and the first validation digit's probabilities under the weights in `dir`. */
async function scoreFolder(dir: string, limit: number): Promise<{ loss: number; first: number[] }> {
  const model = await loadModelFromFolder(dir, tf);
  const val = fitDataOf(await loadMnist(limit)).validation!;
  const out = tf.tidy(() => {
    const x = tf.tensor(val.xs[0].data, val.xs[0].shape);
    const y = tf.tensor(val.ys[0].data, val.ys[0].shape);
    const p = model.predict(x) as tf.Tensor;
    return { loss: tf.metrics.categoricalCrossentropy(y, p).mean().dataSync()[0], first: Array.from(p.slice([0, 0], [1, 10]).dataSync()) };
  });
  model.dispose();
  return out;
}

describe('latest weights of a running run', () => {
  it('are written after epoch 1, used by the Try loader while running; a finished run uses model/', async () => {
    const limit = 300;
    const graph = mlpGraph({ epochs: 3, limit, hidden: 16 });
    const store = new RunStore(dataDir);
    const id = newRunId();
    const record: RunRecord = {
      id, name: 'live', status: 'running', startedAt: new Date().toISOString(), durationMs: 0, backend: null, epochs: 0,
      final: null, graph, dataset: graph.dataset, training: graph.training, batches: [], epochsHistory: [], log: [],
    };
    await store.save(record);
    const runDir = store.runDir(id);

    const control = new TrainControl();
    const events: TrainEventBody[] = [];
    let pausedNow: () => void = () => {};
    const paused = new Promise<void>((resolve) => (pausedNow = resolve));
    const emit = (e: TrainEventBody) => {
      events.push(e);
      if (e.type === 'epoch' && e.epoch === 0) control.pause(); // the loop pauses before epoch 2's first batch
      if (e.type === 'paused') pausedNow();
    };
    const job = runJob({ runId: id, graph, runDir, cacheDir: path.join(dataDir, 'cache') }, emit, control);
    await paused;

    // While paused after epoch 1: latest/ holds epoch 1's weights, which score as the model did at that point.
    const latest = await findLatestWeights(runDir);
    expect(latest).toMatchObject({ dir: path.join(runDir, LATEST_DIR), epoch: 1 });
    const epoch1 = events.find((e): e is EpochEvent => e.type === 'epoch' && e.epoch === 0)!;
    const atEpoch1 = await scoreFolder(latest!.dir, limit);
    expect(atEpoch1.loss).toBeCloseTo(epoch1.metrics.val_loss!, 4);

    // The Try loader, for the running run, uses them and names the epoch; predictions are theirs.
    const running = await loadTryRun(dataDir, id);
    expect(running.weights).toEqual({ source: 'latest', epoch: 1 });
    const liveResult = predictRun(tf, running, { input: { kind: 'sample', index: 0 } });
    if (liveResult.kind !== 'classes') throw new Error(`expected classes, got ${liveResult.kind}`);
    const direct = tf.tidy(() => {
      const x = tf.tensor(running.dataset.test!.features.x.data.subarray(0, 784), [1, 784]);
      return Array.from((running.model.predict(x) as tf.Tensor).dataSync());
    });
    const fromFolder = await loadModelFromFolder(latest!.dir, tf);
    const folderDirect = tf.tidy(() => {
      const x = tf.tensor(running.dataset.test!.features.x.data.subarray(0, 784), [1, 784]);
      return Array.from((fromFolder.predict(x) as tf.Tensor).dataSync());
    });
    fromFolder.dispose();
    liveResult.probabilities.forEach((p, i) => {
      expect(p).toBeCloseTo(direct[i], 6);
      expect(p).toBeCloseTo(folderDirect[i], 5);
    });

    // Back to the job's backend (the loader picked the fastest), then let training finish.
    await initBackend('cpu');
    control.resume();
    await job;
    expect(events[events.length - 1]).toMatchObject({ type: 'done', status: 'completed' });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(3);
    expect(await findLatestWeights(runDir)).toBeNull(); // model/ supersedes it

    // Finished: model/ (3 epochs), which predicts differently from epoch 1's weights.
    await store.save({ ...record, status: 'completed', epochs: 3, epochsHistory: events.filter((e): e is EpochEvent => e.type === 'epoch').map((e) => e.metrics) });
    const finished = await loadTryRun(dataDir, id);
    expect(finished.weights).toEqual({ source: 'final', epochs: 3 });
    expect(finished).not.toBe(running);
    const atEnd = await scoreFolder(path.join(runDir, MODEL_DIR), limit);
    const endResult = predictRun(tf, finished, { input: { kind: 'sample', index: 0 } });
    if (endResult.kind !== 'classes') throw new Error(`expected classes, got ${endResult.kind}`);
    expect(atEnd.loss).not.toBeCloseTo(atEpoch1.loss, 3);
    expect(endResult.probabilities.some((p, i) => Math.abs(p - liveResult.probabilities[i]) > 1e-4)).toBe(true);
    await initBackend('cpu');
  }, 60_000);

  it('are due after epoch 1, then once MIN_INTERVAL_MS (or 50x the last write) has passed since the last write', () => {
    expect(latestWriteDue(Infinity, 0)).toBe(true); // no write yet
    expect(latestWriteDue(MIN_INTERVAL_MS - 1, 10)).toBe(false);
    expect(latestWriteDue(MIN_INTERVAL_MS, 10)).toBe(true);
    expect(latestWriteDue(4_999, 100)).toBe(false); // a 100 ms write: at most one per 5 s
    expect(latestWriteDue(5_000, 100)).toBe(true);
  });

  it('a write that fails is reported once and ends the writes, never the run', async () => {
    const blocker = path.join(dataDir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const messages: string[] = [];
    const writer = new LatestWeightsWriter(blocker, (m) => messages.push(m));
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    await writer.afterEpoch(model, 1);
    await writer.afterEpoch(model, 2);
    model.dispose();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/not saved for trying/);
    expect(writer.due()).toBe(false);
  });
});
