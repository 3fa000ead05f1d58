// JobRunner with in-memory worker handles: one warm worker for consecutive jobs, errors crossing back with
// their codes, and a worker that dies, hangs or never starts failing its job with a clear message.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { sampleGraph } from '../api-handlers.fakes';
import { JobRunner } from './job-runner';
import { until } from '../../shared/testing/until';
import type { HostJob, JobWorkerHandle, JobWorkerToMain, MainToJobWorker } from './protocol';

class FakeWorker implements JobWorkerHandle {
  sent: MainToJobWorker[] = [];
  killed = false;
  private messageListeners: ((msg: JobWorkerToMain) => void)[] = [];
  private exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  private outputListeners: ((line: string) => void)[] = [];
  send(msg: MainToJobWorker) { this.sent.push(msg); }
  onMessage(l: (msg: JobWorkerToMain) => void) { this.messageListeners.push(l); }
  onExit(l: (code: number | null, signal: string | null) => void) { this.exitListeners.push(l); }
  onOutput(l: (line: string) => void) { this.outputListeners.push(l); }
  kill() {
    this.killed = true;
    setTimeout(() => this.exit(null, 'SIGKILL'), 1);
  }
  emit(msg: JobWorkerToMain) { this.messageListeners.forEach((l) => l(msg)); }
  print(line: string) { this.outputListeners.forEach((l) => l(line)); }
  exit(code: number | null, signal: string | null) { this.exitListeners.forEach((l) => l(code, signal)); }
  /** The id of the last job sent. */
  get lastId(): number { return this.sent[this.sent.length - 1].id; }
}

const preview: Extract<HostJob, { kind: 'preview' }> = { kind: 'preview', dataset: sampleGraph().dataset, samples: 2, cacheDir: '/tmp/none' };
const tick = () => new Promise((r) => setTimeout(r, 5));

function runnerWithFakes(opts: { timeoutMs?: number; maxQueued?: number } = {}) {
  const workers: FakeWorker[] = [];
  const runner = new JobRunner({ ...opts, idleMs: 60_000, spawn: () => { const w = new FakeWorker(); workers.push(w); return w; } });
  return { runner, workers };
}

describe('JobRunner', () => {
  it('sends a job once the worker is ready, runs jobs one at a time, and reuses the warm worker', async () => {
    const { runner, workers } = runnerWithFakes();
    const notes: string[] = [];
    const first = runner.run(preview, (n) => notes.push(n));
    const second = runner.run({ ...preview, samples: 5 });
    await tick();
    expect(workers).toHaveLength(1);
    expect(workers[0].sent).toHaveLength(0); // not ready yet
    workers[0].emit({ type: 'ready' });
    expect(workers[0].sent).toEqual([{ type: 'run', id: 1, job: preview }]);
    workers[0].emit({ type: 'note', id: 1, message: 'half way' });
    workers[0].emit({ type: 'done', id: 1, result: { answer: 1 } });
    expect(await first).toEqual({ answer: 1 });
    expect(notes).toEqual(['half way']);
    await tick();
    expect(workers[0].sent.map((m) => m.job.kind === 'preview' && m.job.samples)).toEqual([2, 5]);
    workers[0].emit({ type: 'done', id: 2, result: { answer: 2 } });
    expect(await second).toEqual({ answer: 2 });
    expect(workers).toHaveLength(1);
    runner.dispose();
  });

  it('turns a coded failure into an ApiError with the same code and message, and others into plain errors', async () => {
    const { runner, workers } = runnerWithFakes();
    const bad = runner.run(preview);
    await tick();
    workers[0].emit({ type: 'ready' });
    workers[0].emit({ type: 'failed', id: 1, error: { code: 'invalid', message: 'previewDataset: /x.csv: cannot read' } });
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid', message: 'previewDataset: /x.csv: cannot read' });

    const bug = runner.run(preview);
    await tick();
    workers[0].emit({ type: 'failed', id: 2, error: { message: 'x is undefined' } });
    const plain = await bug.catch((e: unknown) => e);
    expect(plain).not.toBeInstanceOf(ApiError);
    expect((plain as Error).message).toBe('x is undefined');
    runner.dispose();
  });

  it('fails the job of a worker that dies mid-job, naming the exit and its last output; the next job gets a new worker', async () => {
    const { runner, workers } = runnerWithFakes();
    const job = runner.run(preview);
    await tick();
    workers[0].emit({ type: 'ready' });
    workers[0].print('reading the digits');
    workers[0].print('FATAL ERROR: JavaScript heap out of memory');
    workers[0].exit(134, null);
    await expect(job).rejects.toThrow(
      'previewDataset: the dataset preview process stopped unexpectedly (exit code 134); its last output: reading the digits | FATAL ERROR: JavaScript heap out of memory',
    );
    const next = runner.run(preview);
    await tick();
    expect(workers).toHaveLength(2);
    workers[1].emit({ type: 'ready' });
    workers[1].emit({ type: 'done', id: workers[1].lastId, result: 'ok' });
    expect(await next).toBe('ok');
    runner.dispose();
  });

  it('gives up on a job after the time limit, kills its worker and ignores a late answer', async () => {
    const { runner, workers } = runnerWithFakes({ timeoutMs: 40 });
    const job = runner.run(preview);
    await tick();
    workers[0].emit({ type: 'ready' });
    await expect(job).rejects.toThrow('previewDataset: no answer after 0.04 s, so the dataset preview process was stopped');
    expect(workers[0].killed).toBe(true);
    workers[0].emit({ type: 'done', id: 1, result: 'late' }); // must not reach anyone
    const next = runner.run(preview);
    await tick();
    expect(workers).toHaveLength(2);
    expect(workers[1].sent).toEqual([]);
    workers[1].emit({ type: 'ready' });
    workers[1].emit({ type: 'done', id: workers[1].lastId, result: 'fresh' });
    expect(await next).toBe('fresh');
    runner.dispose();
  });

  it('reports a worker that cannot be started or never starts, and refuses work after dispose', async () => {
    const broken = new JobRunner({ spawn: () => { throw new Error('spawn ENOENT'); } });
    await expect(broken.run(preview)).rejects.toThrow('previewDataset: could not start the dataset preview process: spawn ENOENT');

    const { runner, workers } = runnerWithFakes();
    const job = runner.run({ kind: 'export', dataDir: '/d', runId: 'run-1', format: 'tfjs', outDir: '/o' });
    await tick();
    workers[0].exit(null, null); // 'error' before start: no exit code, no signal
    await expect(job).rejects.toThrow('exportRun: the export process stopped unexpectedly (it did not start)');

    const inFlight = runner.run(preview);
    await tick();
    runner.dispose();
    await expect(inFlight).rejects.toThrow('previewDataset: the host is shutting down');
    expect(workers[1].killed).toBe(true);
    await expect(runner.run(preview)).rejects.toThrow('previewDataset: the host is shutting down');
  });

  it('twelve requests at once with room for eight: eight accepted, four refused busy; a finished job makes room', async () => {
    const { runner, workers } = runnerWithFakes({ maxQueued: 8 });
    const results = Array.from({ length: 12 }, (_, i) => runner.run({ ...preview, samples: i }));
    const settled = results.map((p) => p.then(() => 'done', (err: ApiError) => `${err.code}: ${err.message}`));
    await tick();
    workers[0].emit({ type: 'ready' });
    for (let id = 1; id <= 8; id++) {
      await until(() => workers[0].sent.length === id, `job ${id} to be sent`);
      workers[0].emit({ type: 'done', id, result: id });
    }
    const outcomes = await Promise.all(settled);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(8);
    expect(outcomes.filter((o) => o !== 'done')).toEqual(
      Array(4).fill('busy: previewDataset: 8 dataset preview jobs are already running or waiting (at most 8); try again when they finish'),
    );
    const again = runner.run(preview);
    await until(() => workers[0].sent.length === 9, 'the next job to be sent');
    workers[0].emit({ type: 'done', id: 9, result: 'ok' });
    expect(await again).toBe('ok');
    runner.dispose();
  });
});

