// End to end: a real forked worker process (tsx) trains tiny models on the bundled MNIST digits.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError, type TrainEvent } from '../../shared/api';
import { forkWorkerFactory } from '../web/fork-worker';
import type { WorkerHandle } from './protocol';
import { TrainingService } from './service';
import { RunStore } from './run-store';
import { mlpGraph } from './testing/fixtures';
import { until } from '../../shared/testing/until';
import { eventWaiter, isFinalEvent } from './testing/next-event';

let dataDir: string;
let service: TrainingService;
const handles: WorkerHandle[] = [];
const events: TrainEvent[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-service-'));
  const fork = forkWorkerFactory(path.join(__dirname, 'worker.ts'));
  service = new TrainingService({
    dataDir,
    spawnWorker: () => {
      const h = fork();
      handles.push(h);
      return h;
    },
    saveIntervalMs: 200,
  });
  service.onEvent((e) => events.push(e));
});
afterAll(async () => {
  await service.dispose();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Resolves with the first event of the run that matches. */
const next = (runId: string, pred: (e: TrainEvent) => boolean, timeoutMs?: number) => eventWaiter(service, events, 60_000)(runId, pred, timeoutMs);
const isFinal = isFinalEvent;

/** run.json once it records a finished run: the service saves it after relaying 'done', so poll the file. */
function finishedOnDisk(runId: string) {
  const file = path.join(dataDir, 'runs', runId, 'run.json');
  return until(async () => {
    const record = JSON.parse(await fs.readFile(file, 'utf8'));
    return record.status === 'running' ? null : record;
  }, `${file} to record the finished run`);
}

describe('TrainingService with a forked worker', () => {
  it('trains a tiny run end to end, relays events, stores the run and its weights', async () => {
    const { runId } = await service.start(mlpGraph({ epochs: 2, limit: 300 }));
    const final = await next(runId, isFinal);
    expect(final).toMatchObject({ type: 'done', status: 'completed' });
    const mine = events.filter((e) => e.runId === runId);
    expect(mine.find((e) => e.type === 'started')).toMatchObject({ backend: { name: 'cpu' }, trainSamples: 240, batchesPerEpoch: 8 });
    expect(mine.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(mine.every((e) => typeof e.time === 'number')).toBe(true);

    const run = await service.getRun(runId);
    expect(run.status).toBe('completed');
    expect(run.backend).toBe('cpu');
    expect(run.epochs).toBe(2);
    expect(run.epochsHistory).toHaveLength(2);
    expect(run.final?.val_acc).toBeGreaterThan(0.3); // 240 digits, 2 epochs; chance is 0.1
    expect(run.batches.length).toBeGreaterThan(0);
    expect(run.log.some((l) => l.includes('cpu'))).toBe(true);
    expect((await fs.readdir(service.modelDir(runId))).sort()).toEqual(['model.json', 'weights.bin']);

    // What is on disk agrees (the final record is written in the background after 'done').
    const onDisk = await finishedOnDisk(runId);
    expect(onDisk.status).toBe('completed');
    expect((await service.listRuns()).map((r) => r.id)).toContain(runId);
  }, 90_000);

  it('runs with every training feature on and stores the evaluation, best epoch and best weights', async () => {
    const graph = mlpGraph({
      epochs: 3,
      limit: 300,
      training: {
        optimizer: 'adamw',
        weightDecay: 0.01,
        lrSchedule: { type: 'cosine', minLr: 0.001 },
        earlyStopping: { monitor: 'val_acc', patience: 5, restoreBest: true },
        gradientClip: { clipNorm: 1, clipValue: 0.5 },
      },
    });
    const { runId } = await service.start(graph);
    const final = await next(runId, isFinal);
    expect(final).toMatchObject({ type: 'done', status: 'completed' });
    const mine = events.filter((e) => e.runId === runId);
    const evaluationEvent = mine.find((e) => e.type === 'evaluation');
    expect(mine.indexOf(evaluationEvent!)).toBe(mine.indexOf(final) - 1);

    const run = await service.getRun(runId);
    expect(run.training.lrSchedule).toEqual({ type: 'cosine', minLr: 0.001 });
    expect(run.epochsHistory.map((m) => m.lr)).toEqual([0, 1, 2].map((e) => 0.001 + (0.01 - 0.001) * (1 + Math.cos((Math.PI * e) / 3)) / 2));
    expect(run.epochsHistory.every((m) => typeof m.grad_norm === 'number')).toBe(true);
    const accs = run.epochsHistory.map((m) => m.val_acc!);
    expect(run.bestEpoch).toBe(accs.indexOf(Math.max(...accs)));
    const ev = run.evaluation!;
    expect(ev.split).toBe('test');
    expect(ev.samples).toBe(2000);
    expect(ev.classification!.confusion.flat().reduce((a, v) => a + v, 0)).toBe(2000);
    expect(ev.accuracy).toBeGreaterThan(0.3);
    expect(ev.gallery!.length).toBe(32);
    expect((await fs.readdir(service.bestModelDir(runId))).sort()).toEqual(['model.json', 'weights.bin']);
    // Stored on disk too (with the final record, written in the background after 'done').
    const onDisk = await finishedOnDisk(runId);
    expect(onDisk.status).toBe('completed');
    expect(onDisk.evaluation.samples).toBe(2000);
    // The evaluation line is stored with its code, line for line, so a re-opened run says it in the chosen language.
    expect(onDisk.logDetails).toHaveLength(onDisk.log.length);
    const at = onDisk.log.findIndex((l: string) => l.startsWith('[info] Evaluated on 2,000 test samples: loss '));
    expect(onDisk.logDetails[at]).toMatchObject({ code: 'eval.doneAccuracy', params: { samples: '2,000', split: 'test' } });
    console.log(`service run with all features: val_acc ${accs.map((a) => a.toFixed(3)).join(' ')}, test accuracy ${ev.accuracy!.toFixed(3)}, evaluation ${ev.durationMs.toFixed(0)} ms, ${JSON.stringify(onDisk).length} bytes of run.json`);
  }, 90_000);

  it('rejects a graph that cannot train, naming the node', async () => {
    const graph = mlpGraph();
    graph.nodes.find((n) => n.id === 'd2')!.params.units = 7; // Output expects [10]
    const err = await service.start(graph).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid');
    // Named as the canvas shows it, not by its internal id.
    expect((err as ApiError).message).toMatch(/^(Dense layer 2 of 2|The Output node): /);
    expect((err as ApiError).message).not.toMatch(/'(d2|out)'/);
    console.log(`invalid graph message: ${(err as ApiError).message}`);
  });

  it('pauses, resumes and stops a run on request', async () => {
    const batches = (id: string) => events.filter((e) => e.runId === id && e.type === 'batch').length;
    const { runId } = await service.start(mlpGraph({ epochs: 200, limit: 300 }));
    // A control run trains beside it on the same machine: while it trains 5 batches, a run that ignored the
    // pause would train some too, however loaded the machine is (counts of events, not a fixed wait).
    const control = await service.start(mlpGraph({ epochs: 200, limit: 300 }));
    await next(runId, (e) => e.type === 'batch');
    await next(control.runId, (e) => e.type === 'batch');
    await service.pause(runId);
    await next(runId, (e) => e.type === 'paused');
    const batchesAtPause = batches(runId);
    const controlAtPause = batches(control.runId);
    await until(() => batches(control.runId) >= controlAtPause + 5, 'the control run to train 5 batches', { timeoutMs: 60_000 });
    expect(batches(runId)).toBe(batchesAtPause);
    await service.stop(control.runId);
    await service.resume(runId);
    await next(runId, (e) => e.type === 'resumed');
    await until(() => batches(runId) > batchesAtPause, 'a batch after resume', { timeoutMs: 60_000 });
    await service.stop(runId);
    const final = await next(runId, isFinal, 20_000);
    expect(final).toMatchObject({ type: 'done', status: 'stopped' });
    expect((await service.getRun(runId)).status).toBe('stopped');
    expect(await next(control.runId, isFinal, 20_000)).toMatchObject({ type: 'done', status: 'stopped' });
  }, 90_000);

  it('turns a killed worker into a failed run with its log, and still runs new ones', async () => {
    const { runId } = await service.start(mlpGraph({ epochs: 200, limit: 300 }));
    await next(runId, (e) => e.type === 'batch');
    handles[handles.length - 1].kill();
    const final = await next(runId, isFinal);
    expect(final).toMatchObject({ type: 'failed', error: expect.stringMatching(/killed \(SIGKILL\)/) });
    const run = await service.getRun(runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/training worker was killed/);
    expect(run.log.length).toBeGreaterThan(1);
    await expect(service.deleteRun(runId)).resolves.toBeUndefined();
    await expect(service.getRun(runId)).rejects.toMatchObject({ code: 'not_found' });

    const again = await service.start(mlpGraph({ epochs: 1, limit: 200 }));
    expect(await next(again.runId, isFinal)).toMatchObject({ type: 'done', status: 'completed' });
  }, 120_000);

  it('has the final record on disk when dispose() resolves (the CLI reads it straight after)', async () => {
    // The run's final save is held until its worker has exited: a dispose() that does not wait for that save
    // resolves while it is held (nothing else is left for it to wait on), so it is caught without timing.
    const save = RunStore.prototype.save;
    let holding = false;
    let held = 0;
    let finalSaved = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = vi.spyOn(RunStore.prototype, 'save').mockImplementation(async function (this: RunStore, run) {
      const json = structuredClone(run);
      if (!holding) return save.call(this, json);
      held++;
      await gate;
      await save.call(this, json);
      finalSaved = true;
    });
    onTestFinished(() => slow.mockRestore());
    let workersExited = 0;
    const fork = forkWorkerFactory(path.join(__dirname, 'worker.ts'));
    const spawnWorker = () => {
      const h = fork();
      h.onExit(() => workersExited++);
      return h;
    };
    const own = new TrainingService({ dataDir, spawnWorker, saveIntervalMs: 60_000 });
    const ownEvents: TrainEvent[] = [];
    // The service saves the final record after relaying the final event: from here on saves are held.
    own.onEvent((e) => {
      ownEvents.push(e);
      if (isFinal(e)) holding = true;
    });
    const { runId } = await own.start(mlpGraph({ epochs: 1, limit: 100 }));
    await until(() => ownEvents.some((e) => e.runId === runId && isFinal(e)), 'the run to finish', { timeoutMs: 60_000 });
    const disposed = own.dispose().then(() => finalSaved);
    await until(() => held > 0 && workersExited === 1, 'the final save to be held and the worker to exit', { timeoutMs: 60_000 });
    release();
    expect(await disposed, 'dispose() resolved before the final save was written').toBe(true);
    // No polling here: read once.
    const record = JSON.parse(await fs.readFile(path.join(dataDir, 'runs', runId, 'run.json'), 'utf8'));
    expect(record.status).toBe('completed');
    expect(record.epochsHistory).toHaveLength(1);
  }, 90_000);

  it('answers not_found for unknown runs', async () => {
    await expect(service.stop('run-nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.getRun('run-nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.deleteRun('run-nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
