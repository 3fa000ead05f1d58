// A real small experiment: the runner drives the real TrainingService (forked tsx workers) through a 2x1 grid
// on 200 bundled MNIST digits, one epoch per trial; every trial is a stored run linked to the experiment.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorkerFactory } from '../web/fork-worker';
import { TrainingService } from '../training/service';
import { mlpGraph } from '../training/testing/fixtures';
import { trialOf } from '../../shared/experiments/expand';
import { scoreOf } from '../../shared/experiments/results';
import type { ExperimentDefinition } from '../../shared/experiments/types';
import { ExperimentRunner } from './runner';

let dataDir: string;
let service: TrainingService;
let runner: ExperimentRunner;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-exp-service-'));
  service = new TrainingService({ dataDir, spawnWorker: forkWorkerFactory(path.join(__dirname, '../training/worker.ts')), saveIntervalMs: 200 });
  runner = new ExperimentRunner(service, dataDir);
});
afterAll(async () => {
  runner.dispose();
  await service.dispose();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('ExperimentRunner with the real training service', () => {
  it('runs each trial as a stored run, one after another, and picks the best by val loss', async () => {
    const def: ExperimentDefinition = {
      params: [{ path: 'training.learningRate', values: [0.01, 0.0001] }],
      mode: 'grid',
      budget: { epochsPerTrial: 1, maxTrials: 4 },
      seed: 1,
    };
    const graph = { ...mlpGraph({ hidden: 8, epochs: 3, limit: 200, batchSize: 50 }), extras: { experiment: def } };
    const { experimentId } = await runner.start(graph);
    const rec = await until(() => runner.get(experimentId), (r) => r.status !== 'running', 120_000);
    expect(rec.status).toBe('completed');
    expect(rec.trials.map((t) => t.status)).toEqual(['completed', 'completed']);

    const runs = await Promise.all(rec.trials.map((t) => service.getRun(t.runId!)));
    runs.forEach((run, i) => {
      expect(run.training.learningRate).toBe(def.params[0].values![i]);
      expect(run.training.epochs).toBe(1); // the budget, not the graph's 3
      expect(run.epochsHistory).toHaveLength(1);
      expect(trialOf(run.graph)).toMatchObject({ experimentId, index: i });
      expect(rec.trials[i].final?.val_loss).toBe(run.final?.val_loss);
    });
    // One after another: the second trial started after the first had finished.
    expect(Date.parse(runs[1].startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[0].startedAt) + runs[0].durationMs - 50);
    const scores = runs.map((r) => scoreOf(r.final)!);
    expect(rec.bestTrial).toBe(scores[0] <= scores[1] ? 0 : 1);
  }, 150_000);
});
