// The PyTorch engine end to end: a real forked training worker runs the exported script in Debian's python3-torch
// and its events reach TrainingService listeners as a TensorFlow.js run's do; Stop, Pause/Resume, a diverging
// run, and the ways Python can fail (no interpreter, no torch, a killed process, CUDA out of memory) end as
// the run's status and message. Runs that need torch skip with a printed reason where it is absent; the
// failure cases use small stand-in "python" shell scripts and run everywhere with a POSIX shell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TrainEvent } from '../../../shared/api';
import { forkWorkerFactory } from '../../web/fork-worker';
import { TrainingService } from '../service';
import { mlpGraph } from '../testing/fixtures';
import { loadModelFromFolder } from '../model-files';
import { prepareEngine } from '../../engine/setup';
import { torchPython } from '../../export/testing/python';
import { EVENT_PREFIX } from '../../export/pytorch/train-loop-py';
import type { TorchPython } from '../protocol';
import { namedMetrics } from './events';
import { TORCH_DIR } from './run-torch';
import { eventWaiter, isFinalEvent } from '../testing/next-event';
import { fitDataOf, loadMnist } from '../testing/fixtures';
import { findLatestWeights, LATEST_DIR, type LatestWeights } from '../latest-weights';
import { loadTryRun } from '../../predict/load-run';
import { predictRun } from '../../predict/predict';

const python = torchPython();
if (!python) console.warn('Skipping the PyTorch engine runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');
const posix = process.platform !== 'win32';

let dataDir: string;
let nextPython: TorchPython = { problem: 'not set' };
let service: TrainingService;
const events: TrainEvent[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-torch-engine-'));
  service = new TrainingService({
    dataDir,
    spawnWorker: forkWorkerFactory(path.join(__dirname, '..', 'worker.ts')),
    pytorch: { forRun: async () => nextPython },
  });
  service.onEvent((e) => events.push(e));
});
afterAll(async () => {
  await service.dispose();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Resolves with the first event of the run that matches. */
const next = (runId: string, pred: (e: TrainEvent) => boolean, timeoutMs?: number) => eventWaiter(service, events, 240_000)(runId, pred, timeoutMs);
const isFinal = isFinalEvent;
const of = (runId: string) => events.filter((e) => e.runId === runId);

/** The keys of a value, recursively (arrays by their first element): what "the same form" means for two results. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shapeOf((v as Record<string, unknown>)[k])]));
  return typeof v;
}

/** A port nothing listens on now (torchrun's rendezvous). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function torchGraph(opts: Parameters<typeof mlpGraph>[0] = {}) {
  const g = mlpGraph(opts);
  g.training.engine = 'pytorch';
  return g;
}

async function fakePython(name: string, body: string): Promise<string> {
  const file = path.join(dataDir, name);
  await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('metric names', () => {
  it('maps per-output values to the names the tfjs model reports', () => {
    const m = { loss: 1.5, losses: [1, 0.5], acc: [0.25, null], val_loss: null, val_losses: [0.7, null], val_acc: [0.5, null], lr: 0.01 };
    const names = ['loss', 'n_a_loss', 'n_b_loss', 'n_a_acc', 'n_b_acc'];
    expect(namedMetrics(names, ['n_a', 'n_b'], m)).toEqual({
      loss: 1.5, n_a_loss: 1, n_b_loss: 0.5, n_a_acc: 0.25, val_loss: NaN, val_n_a_loss: 0.7, val_n_a_acc: 0.5, lr: 0.01,
    });
    expect(namedMetrics(['loss', 'acc'], ['n_y'], { loss: 0.3, losses: [0.3], acc: [0.9] })).toEqual({ loss: 0.3, acc: 0.9 });
  });
});

describe.skipIf(!python)('PyTorch engine runs (python3 + torch)', () => {
  it('trains, streams the same events, hands the weights back and evaluates like a TensorFlow.js run', async () => {
    nextPython = { python: python! };
    const { runId } = await service.start(torchGraph({ epochs: 2, limit: 300 }));
    const final = await next(runId, isFinal);
    expect(final, JSON.stringify(final)).toMatchObject({ type: 'done', status: 'completed', bestEpoch: expect.any(Number) });
    const mine = of(runId);
    expect(mine.find((e) => e.type === 'started')).toMatchObject({
      engine: { name: 'pytorch', device: 'cpu', processes: 1 }, trainSamples: 240, valSamples: 60, batchesPerEpoch: 8, paramCount: 12730,
    });
    const batches = mine.filter((e) => e.type === 'batch');
    expect(batches.length).toBeGreaterThanOrEqual(2); // the last batch of each epoch is always sent
    for (const b of batches) {
      expect(Number.isFinite(b.metrics.loss)).toBe(true);
      expect(b.metrics.acc).toBeGreaterThanOrEqual(0);
    }
    const epochs = mine.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(Object.keys(epochs[1].metrics).sort()).toEqual(['acc', 'loss', 'lr', 'val_acc', 'val_loss']);
    expect(epochs[1].metrics.loss).toBeLessThan(epochs[0].metrics.loss);

    const run = await service.getRun(runId);
    expect(run).toMatchObject({ status: 'completed', epochs: 2, engine: { name: 'pytorch', device: 'cpu' } });
    expect(run.log.some((l) => l.includes('PyTorch command: cd ') && l.includes('model.py --events --checkpoint-dir checkpoints'))).toBe(true);
    expect(run.evaluation?.accuracy).toBeGreaterThan(0.3); // chance is 0.1
    // The run folder: tfjs model files like any run, the script and PyTorch's own checkpoints; the data copy is gone.
    const torchDir = path.join(dataDir, 'runs', runId, TORCH_DIR);
    expect((await fs.readdir(torchDir)).sort()).toEqual(['checkpoints', 'model.py']);
    expect((await fs.readdir(path.join(torchDir, 'checkpoints'))).sort()).toEqual(['best.npz', 'checkpoint.npz', 'final.npz']);
    prepareEngine(tf);
    await tf.setBackend('cpu');
    const model = await loadModelFromFolder(service.modelDir(runId), tf);
    expect(model.countParams()).toBe(12730);
    model.dispose();

    // The same graph trained by TensorFlow.js: its evaluation has exactly the same form.
    const tfjs = await service.start(mlpGraph({ epochs: 1, limit: 300 }));
    await next(tfjs.runId, isFinal);
    const tfjsRun = await service.getRun(tfjs.runId);
    expect(shapeOf({ ...run.evaluation, durationMs: 0 })).toEqual(shapeOf({ ...tfjsRun.evaluation, durationMs: 0 }));
    expect(Object.keys(run.final!).sort()).toEqual(Object.keys(tfjsRun.final!).sort());
  }, 600_000);

  it('writes latest/ while it trains, labelled with the epoch its weights are from (PyTorch runs ahead); Try uses it; it goes at the end', async () => {
    nextPython = { python: python! };
    const limit = 300;
    // Tiny epochs: the script is epochs ahead of LayerLab by the time an epoch's checkpoint is read.
    const { runId } = await service.start(torchGraph({ epochs: 100_000, limit, batchSize: 16 }));
    const runDir = path.join(dataDir, 'runs', runId);
    await next(runId, (e) => e.type === 'epoch');
    await service.pause(runId);
    await next(runId, (e) => e.type === 'paused');
    // Paused: no epoch ends now; wait until the last write (if one was under way) is done: the same files twice.
    let latest: LatestWeights | null = null;
    for (let tries = 0; tries < 120 && !latest; tries++) {
      const seen = await findLatestWeights(runDir);
      await new Promise((r) => setTimeout(r, 500));
      const again = await findLatestWeights(runDir);
      if (seen && again && seen.dir === again.dir && seen.epoch === again.epoch && seen.mtimeMs === again.mtimeMs) latest = again;
    }
    expect(latest).toMatchObject({ dir: path.join(runDir, LATEST_DIR) });
    const epochs = of(runId).filter((e): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch');
    expect(latest!.epoch).toBeGreaterThanOrEqual(1);
    expect(latest!.epoch).toBeLessThanOrEqual(epochs.length);

    // The tfjs weights score the validation split as PyTorch scored the epoch they are labelled with, and not as
    // it scored the epochs around it (so a wrong label would show).
    prepareEngine(tf);
    await tf.setBackend('cpu');
    const model = await loadModelFromFolder(latest!.dir, tf);
    const val = fitDataOf(await loadMnist(limit)).validation!;
    const loss = tf.tidy(() => {
      const p = model.predict(tf.tensor(val.xs[0].data, val.xs[0].shape)) as tf.Tensor;
      return tf.metrics.categoricalCrossentropy(tf.tensor(val.ys[0].data, val.ys[0].shape), p).mean().dataSync()[0];
    });
    model.dispose();
    const torchLoss = epochs[latest!.epoch - 1].metrics.val_loss!;
    expect(Math.abs(loss - torchLoss), `latest/ says epoch ${latest!.epoch} of ${epochs.length}`).toBeLessThan(1e-4);
    for (const other of epochs.filter((e) => e.epoch !== latest!.epoch - 1)) {
      if (Math.abs(other.metrics.val_loss! - torchLoss) > 1e-3) expect(Math.abs(loss - other.metrics.val_loss!)).toBeGreaterThan(1e-4);
    }

    // The Try loader takes them for the running run and says which epoch they are.
    const running = await loadTryRun(dataDir, runId);
    expect(running.weights).toEqual({ source: 'latest', epoch: latest!.epoch });
    const tried = predictRun(tf, running, { input: { kind: 'sample', index: 0 } });
    expect(tried.kind === 'classes' && tried.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    // Stopped: model/ supersedes latest/, and Try uses the weights training ended with.
    await service.stop(runId);
    expect(await next(runId, isFinal)).toMatchObject({ type: 'done', status: 'stopped' });
    expect(await findLatestWeights(runDir)).toBeNull();
    expect((await loadTryRun(dataDir, runId)).weights).toMatchObject({ source: 'final' });
    await tf.setBackend('cpu');
  }, 600_000);

  it('Stop ends the run after its current batch, keeps what was trained and evaluates it', async () => {
    nextPython = { python: python! };
    const { runId } = await service.start(torchGraph({ epochs: 200, limit: 300 }));
    await next(runId, (e) => e.type === 'epoch');
    await service.stop(runId);
    const final = await next(runId, isFinal);
    expect(final).toMatchObject({ type: 'done', status: 'stopped' });
    const run = await service.getRun(runId);
    expect(run.status).toBe('stopped');
    expect(run.epochs).toBeGreaterThanOrEqual(1);
    expect(run.epochs).toBeLessThan(200);
    expect(run.evaluation?.samples).toBeGreaterThan(0);
    await expect(fs.stat(path.join(service.modelDir(runId), 'model.json'))).resolves.toBeTruthy();
  }, 600_000);

  it('Pause holds the batches until Resume', async () => {
    nextPython = { python: python! };
    // Far more epochs than the test lets it train: the run cannot end before the pause reaches it; Stop ends it.
    const { runId } = await service.start(torchGraph({ epochs: 100_000, limit: 300, batchSize: 16 }));
    await next(runId, (e) => e.type === 'batch');
    await service.pause(runId);
    await next(runId, (e) => e.type === 'paused');
    await service.resume(runId);
    const resumedAt = of(runId).length;
    await next(runId, (e) => e.type === 'resumed');
    await next(runId, (e) => e.type === 'batch' && of(runId).indexOf(e) >= resumedAt);
    await service.stop(runId);
    const final = await next(runId, isFinal);
    expect(final).toMatchObject({ type: 'done', status: 'stopped' });
    const types = of(runId).map((e) => e.type);
    const paused = types.indexOf('paused');
    const resumed = types.indexOf('resumed');
    expect(paused).toBeGreaterThan(0);
    expect(resumed).toBeGreaterThan(paused);
    expect(types.slice(paused + 1, resumed)).not.toContain('batch');
    expect(types.slice(resumed)).toContain('batch');
  }, 600_000);

  it('torchrun: two processes (DistributedDataParallel, gloo) train one run, and Stop reaches both', async () => {
    nextPython = { python: python! };
    const g = torchGraph({ epochs: 100, limit: 300 });
    g.training.pytorch = { procsPerNode: 2, rendezvous: `127.0.0.1:${await freePort()}` };
    const { runId } = await service.start(g);
    const started = await next(runId, (e) => e.type === 'started');
    expect(started).toMatchObject({ engine: { processes: 2 }, trainSamples: 240, batchesPerEpoch: 4 }); // 120 samples each, batch 32
    await next(runId, (e) => e.type === 'epoch');
    await service.stop(runId);
    const final = await next(runId, isFinal);
    expect(final, JSON.stringify(final)).toMatchObject({ type: 'done', status: 'stopped' });
    const run = await service.getRun(runId);
    expect(run.log.some((l) => /PyTorch command: cd .* -m torch\.distributed\.run --nproc_per_node=2 --nnodes=1 --node_rank=0/.test(l))).toBe(true);
    expect(run.evaluation?.samples).toBeGreaterThan(0);
  }, 600_000);

  it('a diverging run fails with the loss that went bad and what to try', async () => {
    nextPython = { python: python! };
    const g = torchGraph({ epochs: 3, limit: 300, training: { optimizer: 'sgd', learningRate: 10, loss: 'meanSquaredError', metrics: [] } });
    // A linear model: no ReLU can die and stop the blow-up.
    for (const id of ['d1', 'd2']) g.nodes.find((n) => n.id === id)!.params.activation = 'linear';
    const { runId } = await service.start(g);
    const final = await next(runId, isFinal);
    expect(final.type).toBe('failed');
    if (final.type !== 'failed') return;
    expect(final.error).toMatch(/The loss became (nan|inf) at epoch \d+, batch \d+: training diverged/);
    expect(final.hint).toMatch(/learning rate 10 is probably too high/);
  }, 600_000);
});

describe.skipIf(!posix)('PyTorch engine failures end the run with the message', () => {
  const failureOf = async (torch: TorchPython) => {
    nextPython = torch;
    const { runId } = await service.start(torchGraph({ epochs: 1, limit: 100 }));
    const final = await next(runId, isFinal);
    expect(final.type, JSON.stringify(final)).toBe('failed');
    const run = await service.getRun(runId);
    expect(run.status).toBe('failed');
    return { final: final as Extract<TrainEvent, { type: 'failed' }>, run };
  };

  it('no Python with torch found', async () => {
    const { final } = await failureOf({ problem: "PyTorch is not available: No Python on this computer cannot run PyTorch (python3: cannot import torch (No module named 'torch'))." });
    expect(final.error).toMatch(/^PyTorch is not available: .*No module named 'torch'/);
    expect(final.hint).toMatch(/apt-get install python3-torch/);
  }, 240_000);

  it('a Python path that does not exist', async () => {
    const { final } = await failureOf({ python: path.join(dataDir, 'no-such-python') });
    expect(final.error).toMatch(/^Could not start PyTorch: .*no-such-python was not found/);
  }, 240_000);

  it('a Python without torch', async () => {
    const fake = await fakePython('python-without-torch', `echo "Traceback (most recent call last):" >&2\necho "ModuleNotFoundError: No module named 'torch'" >&2\nexit 1`);
    const { final } = await failureOf({ python: fake });
    expect(final.error).toBe(`${fake} cannot import torch.`);
    expect(final.hint).toMatch(/pip install torch/);
  }, 240_000);

  it('a process killed while training', async () => {
    const started = JSON.stringify({ type: 'started', params: 12730, device: 'cpu', world: 1, train: 80, val: 20, batches_per_epoch: 3, torch: 'fake' });
    const fake = await fakePython('python-killed', `echo '${EVENT_PREFIX}${started}'\necho "training..." >&2\nkill -9 $$`);
    const { final, run } = await failureOf({ python: fake });
    expect(final.error).toMatch(/The PyTorch process was killed by SIGKILL \(SIGKILL: often the system ran out of memory\)/);
    expect(final.hint).toMatch(/training\.\.\./);
    expect(run.engine).toMatchObject({ name: 'pytorch', torch: 'fake' });
  }, 240_000);

  it('CUDA out of memory', async () => {
    const error = JSON.stringify({ type: 'error', kind: 'oom', message: 'CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 3.95 GiB total capacity)' });
    const fake = await fakePython('python-oom', `echo '${EVENT_PREFIX}${error}'\nexit 1`);
    const { final } = await failureOf({ python: fake });
    expect(final.error).toBe('PyTorch ran out of memory: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 3.95 GiB total capacity)');
    expect(final.hint).toMatch(/Lower the batch size/);
  }, 240_000);
});
