import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type TrainEvent, type TrainEventBody } from '../../shared/api';
import type { GraphFile } from '../../shared/graph/types';
import type { ExperimentDefinition } from '../../shared/experiments/types';
import { sampleGraph } from '../api-handlers.fakes';
import { ExperimentRunner, type TrialTrainer } from './runner';

/**
 * A training service stand-in: records starts and control calls; the test finishes runs by emitting events.
 * With `slots`, a start while that many runs are unfinished is refused 'busy', as the real service does.
 */
function fakeTrainer(slots = Infinity) {
  const listeners = new Set<(e: TrainEvent) => void>();
  const started: { runId: string; graph: GraphFile }[] = [];
  const calls: string[] = [];
  const running = new Set<string>();
  let n = 0;
  const trainer: TrialTrainer = {
    async start(graph) {
      if (running.size >= slots) throw new ApiError('busy', `${running.size} runs are already training`);
      const runId = `run-${++n}`;
      running.add(runId);
      started.push({ runId, graph });
      return { runId };
    },
    async stop(runId) {
      calls.push(`stop ${runId}`);
      // The real service answers a stop with a 'done' event once the worker halts.
      setTimeout(() => emit(runId, { type: 'done', status: 'stopped', durationMs: 1, final: null }), 0);
    },
    async pause(runId) {
      calls.push(`pause ${runId}`);
    },
    async resume(runId) {
      calls.push(`resume ${runId}`);
    },
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (runId: string, body: TrainEventBody) => {
    if (body.type === 'done' || body.type === 'failed') running.delete(runId);
    listeners.forEach((l) => l({ ...body, runId, time: 0 } as TrainEvent));
  };
  /** Finishes the current run with a final val_loss. */
  const finish = (runId: string, valLoss: number) => emit(runId, { type: 'done', status: 'completed', durationMs: 10, final: { loss: valLoss + 0.1, val_loss: valLoss } });
  return { trainer, started, calls, emit, finish };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

/** Waits for the runner's asynchronous work (disk writes, the next start) to reach a state; a loaded machine may take a while. */
async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function graphWith(def: ExperimentDefinition): GraphFile {
  return { ...sampleGraph(), extras: { experiment: def } };
}

const grid3x2: ExperimentDefinition = {
  params: [
    { path: 'training.learningRate', values: [0.1, 0.01, 0.001] },
    { path: 'training.batchSize', values: [8, 16] },
  ],
  mode: 'grid',
  budget: { epochsPerTrial: 1, maxTrials: 10 },
  seed: 1,
};

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'layerlab-exp-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('ExperimentRunner', () => {
  it('runs trials one after another in order, links each run, and marks the best', async () => {
    const f = fakeTrainer();
    const runner = new ExperimentRunner(f.trainer, tempDir());
    const { experimentId } = await runner.start(graphWith(grid3x2));
    expect(f.started).toHaveLength(1); // one at a time
    const losses = [0.9, 0.5, 0.3, 0.2, 0.7, 0.8];
    for (let i = 0; i < 6; i++) {
      expect(f.started).toHaveLength(i + 1);
      f.finish(f.started[i].runId, losses[i]);
      if (i < 5) await until(() => f.started.length === i + 2, `trial ${i + 2} to start`);
    }
    await until(async () => (await runner.get(experimentId)).status !== 'running', 'the experiment to finish');
    expect(f.started).toHaveLength(6);
    expect(f.started.map((s) => [s.graph.training.learningRate, s.graph.training.batchSize])).toEqual([
      [0.1, 8], [0.1, 16], [0.01, 8], [0.01, 16], [0.001, 8], [0.001, 16],
    ]);
    expect(f.started[2].graph.extras?.experimentTrial).toMatchObject({ experimentId, index: 2 });
    const rec = await runner.get(experimentId);
    expect(rec).toMatchObject({ status: 'completed', trialCount: 6, finishedCount: 6, bestTrial: 3 });
    expect(rec.trials.map((t) => t.runId)).toEqual(['run-1', 'run-2', 'run-3', 'run-4', 'run-5', 'run-6']);
    expect(rec.trials[3].final?.val_loss).toBe(0.2);
    // The record on disk says the same (a restarted app lists it).
    const fresh = new ExperimentRunner(fakeTrainer().trainer, runner.store.dir.replace(/experiments$/, ''));
    // The last save is written after the record turns completed in memory: wait for the file, not a delay.
    await until(async () => (await fresh.list())[0]?.status === 'completed', 'the completed record on disk');
    expect((await fresh.list())[0]).toMatchObject({ id: experimentId, status: 'completed', bestTrial: 3, finishedCount: 6 });
  });

  it('cancel stops the running trial and the rest of the queue', async () => {
    const f = fakeTrainer();
    const runner = new ExperimentRunner(f.trainer, tempDir());
    const { experimentId } = await runner.start(graphWith(grid3x2));
    f.finish('run-1', 0.5);
    await until(() => f.started.length === 2, 'trial 2 to start');
    await runner.cancel(experimentId);
    // The stopped trial's 'done' event arrives after cancel returns (as from a real worker): wait for it.
    await until(async () => {
      const r = await runner.get(experimentId);
      return r.status === 'canceled' && r.trials[1].status !== 'running';
    }, 'the experiment to be canceled and its running trial stopped');
    expect(f.calls).toEqual(['stop run-2']);
    expect(f.started).toHaveLength(2);
    const rec = await runner.get(experimentId);
    expect(rec.status).toBe('canceled');
    expect(rec.trials.map((t) => t.status)).toEqual(['completed', 'stopped', 'canceled', 'canceled', 'canceled', 'canceled']);
    expect(rec.queue).toEqual([]);
  });

  it('pause holds the queue until resume; reorder changes what runs next', async () => {
    const f = fakeTrainer();
    const runner = new ExperimentRunner(f.trainer, tempDir());
    const { experimentId } = await runner.start(graphWith(grid3x2));
    await runner.pause(experimentId);
    expect(f.calls).toEqual(['pause run-1']);
    f.finish('run-1', 0.4);
    await settle();
    expect(f.started).toHaveLength(1); // paused: nothing new starts
    expect((await runner.get(experimentId)).status).toBe('paused');
    await runner.reorder(experimentId, [5, 4, 3, 2, 1]);
    await expect(runner.reorder(experimentId, [5, 4])).rejects.toThrow(/must list exactly the waiting trials/);
    await runner.resume(experimentId);
    expect(f.started).toHaveLength(2);
    expect(f.started[1].graph.extras?.experimentTrial).toMatchObject({ index: 5 });
  });

  it('refuses a bad definition before anything runs, and records a trial that cannot start', async () => {
    const f = fakeTrainer();
    const runner = new ExperimentRunner(f.trainer, tempDir());
    const bad = { ...grid3x2, params: [{ path: 'training.learningRate', values: [-0.01] }] };
    await expect(runner.start(graphWith(bad))).rejects.toThrow("Experiment: Parameter 'training.learningRate': value -0.01 is refused, learning rate must be a positive number");
    await expect(runner.start(sampleGraph())).rejects.toThrow(/no experiment definition/);
    expect(f.started).toHaveLength(0);

    let calls = 0;
    const flaky: TrialTrainer = { ...f.trainer, start: async (g) => (++calls === 1 ? Promise.reject(new Error('dataset missing')) : f.trainer.start(g)) };
    const r2 = new ExperimentRunner(flaky, tempDir());
    const { experimentId } = await r2.start(graphWith({ ...grid3x2, params: [grid3x2.params[0]] }));
    const rec = await r2.get(experimentId);
    expect(rec.trials[0]).toMatchObject({ status: 'failed', error: 'dataset missing' });
    expect(rec.trials[1].status).toBe('running');
  });
});

describe('experiment slots', () => {
  it('five simultaneous starts with a limit of two: two experiments, three clear refusals', async () => {
    const f = fakeTrainer();
    const runner = new ExperimentRunner(f.trainer, tempDir(), { maxConcurrent: 2 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => runner.start(graphWith(grid3x2))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ApiError] : []));
    expect(refused.map((e) => [e.code, e.message])).toEqual(
      Array(3).fill(['busy', '2 experiments are already running (at most 2 at once); cancel one or wait for it to finish']),
    );
    expect((await runner.list()).length).toBe(2);
    // A cancelled experiment no longer holds its slot.
    const [first] = results as PromiseFulfilledResult<{ experimentId: string }>[];
    await runner.cancel(first.value.experimentId);
    await expect(runner.start(graphWith(grid3x2))).resolves.toMatchObject({ experimentId: expect.any(String) });
  });

  it('a trial refused a training slot waits for one instead of failing', async () => {
    const f = fakeTrainer(1);
    const other = await f.trainer.start(sampleGraph()); // a normal run holds the only slot
    const runner = new ExperimentRunner(f.trainer, tempDir());
    const { experimentId } = await runner.start(graphWith({ ...grid3x2, params: [grid3x2.params[0]] }));
    let rec = await runner.get(experimentId);
    expect(rec.status).toBe('running');
    expect(rec.trials.map((t) => t.status)).toEqual(['queued', 'queued', 'queued']);
    f.finish(other.runId, 0.5);
    await until(() => f.started.length === 2, 'the first trial to start once the slot is free');
    rec = await runner.get(experimentId);
    expect(rec.trials.map((t) => t.status)).toEqual(['running', 'queued', 'queued']);
  });
});
