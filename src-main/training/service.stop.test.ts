// Stopping a run whose worker needs time to end it. A PyTorch-engine run that is stopped still hands its
// trained weights back and evaluates them; under load that took longer than the stop timeout, and the worker
// was killed before the evaluation. The worker now confirms a stop at once ('stopping'); main then gives it
// the (long) finish timeout instead. A worker that never confirms is still killed on the short timer.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationResult, TrainEvent } from '../../shared/api';
import type { MainToWorker, WorkerHandle, WorkerToMain } from './protocol';
import { TrainingService, type TrainingServiceOptions } from './service';
import { mlpGraph } from './testing/fixtures';
import { IdleWorker } from './testing/idle-worker';
import { eventWaiter, isFinalEvent } from './testing/next-event';
import { forkWorkerFactory } from '../web/fork-worker';

const STOP_TIMEOUT_MS = 50;
const EVALUATION: EvaluationResult = { split: 'test', samples: 100, loss: 0.5, metrics: { loss: 0.5, acc: 0.8 }, accuracy: 0.8, notes: [], durationMs: 5 };

/** Confirms a stop at once, then takes `handBackMs` (a slow weight hand-back and evaluation) to end the run. */
class SlowHandBackWorker extends IdleWorker {
  killed = false;
  constructor(private readonly handBackMs: number | null) {
    super();
  }
  override send(msg?: MainToWorker): void {
    if (msg?.type !== 'stop') return;
    setTimeout(() => this.emit({ type: 'stopping' }), 0);
    if (this.handBackMs === null) return; // hangs in its hand-back
    setTimeout(() => {
      if (this.killed) return;
      this.emit({ type: 'evaluation', evaluation: EVALUATION });
      this.emit({ type: 'done', status: 'stopped', durationMs: 1, final: null });
      this.exit(0, null);
    }, this.handBackMs);
  }
  override kill(): void {
    this.killed = true;
    super.kill();
  }
}

const dirs: string[] = [];
const services: TrainingService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function serviceWith(spawnWorker: () => WorkerHandle, opts: Partial<TrainingServiceOptions> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-stop-'));
  dirs.push(dataDir);
  const service = new TrainingService({ dataDir, spawnWorker, stopTimeoutMs: STOP_TIMEOUT_MS, ...opts });
  services.push(service);
  const events: TrainEvent[] = [];
  service.onEvent((e) => events.push(e));
  return { service, events, next: eventWaiter(service, events, 60_000) };
}

describe('stopping a run that needs time to hand its weights back', () => {
  it('a worker that confirms the stop is not killed during a hand-back 8x longer than the stop timeout', async () => {
    const worker = new SlowHandBackWorker(8 * STOP_TIMEOUT_MS);
    const { service, next } = await serviceWith(() => worker);
    const { runId } = await service.start(mlpGraph({ epochs: 1, limit: 100 }));
    await service.stop(runId);
    const final = await next(runId, isFinalEvent);
    expect(worker.killed).toBe(false);
    expect(final).toMatchObject({ type: 'done', status: 'stopped' });
    const run = await service.getRun(runId);
    expect(run.status).toBe('stopped');
    expect(run.evaluation).toEqual(EVALUATION);
  });

  it('a worker that never confirms is killed on the stop timeout (the run is recorded as stopped)', async () => {
    const worker = new IdleWorker();
    let killed = false;
    const kill = worker.kill.bind(worker);
    worker.kill = () => ((killed = true), kill());
    const { service, next } = await serviceWith(() => worker);
    const { runId } = await service.start(mlpGraph({ epochs: 1, limit: 100 }));
    await service.stop(runId);
    expect(await next(runId, isFinalEvent)).toMatchObject({ type: 'done', status: 'stopped' });
    expect(killed).toBe(true);
    expect((await service.getRun(runId)).evaluation).toBeUndefined();
  });

  it('a confirmed stop whose hand-back hangs is still killed, on the finish timeout', async () => {
    const worker = new SlowHandBackWorker(null);
    const { service, next } = await serviceWith(() => worker, { stopFinishTimeoutMs: 4 * STOP_TIMEOUT_MS });
    const { runId } = await service.start(mlpGraph({ epochs: 1, limit: 100 }));
    const stoppedAt = Date.now();
    await service.stop(runId);
    expect(await next(runId, isFinalEvent)).toMatchObject({ type: 'done', status: 'stopped' });
    expect(worker.killed).toBe(true);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(4 * STOP_TIMEOUT_MS);
  });

  it('the real training worker confirms a stop while it trains', async () => {
    const fork = forkWorkerFactory();
    const fromWorker: WorkerToMain['type'][] = [];
    const { service, next } = await serviceWith(
      () => {
        const handle = fork();
        handle.onMessage((msg) => fromWorker.push(msg.type));
        return handle;
      },
      { stopTimeoutMs: 60_000 },
    );
    const { runId } = await service.start(mlpGraph({ epochs: 50, limit: 300 }));
    await next(runId, (e) => e.type === 'batch');
    await service.stop(runId);
    expect(await next(runId, isFinalEvent)).toMatchObject({ type: 'done', status: 'stopped' });
    expect(fromWorker).toContain('stopping');
    expect(fromWorker.indexOf('stopping')).toBeLessThan(fromWorker.lastIndexOf('done'));
  });
});
