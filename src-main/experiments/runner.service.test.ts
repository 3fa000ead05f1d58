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
import { inferGraphFile } from '../../shared/infer';
import { recordBlock, repeatBlock } from '../../shared/graph/repeat';
import { ExperimentRunner } from './runner';
import { torchPython } from '../export/testing/python';

const python = torchPython();
if (!python) console.warn('Skipping the PyTorch-engine experiment: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');

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

  it('varies the repeat count of a block: each trial trains a graph with that many copies', async () => {
    // Dense(8) repeated twice between the input and the head, remembered as block_1.
    const base = mlpGraph({ hidden: 8, epochs: 1, limit: 200, batchSize: 50 });
    const { graph: repeated, repeats } = repeatBlock(base, { nodeIds: ['d1'], times: 2 });
    const def: ExperimentDefinition = {
      params: [{ path: 'blocks.block_1.times', values: [1, 3] }],
      mode: 'grid',
      budget: { epochsPerTrial: 1, maxTrials: 4 },
      seed: 1,
    };
    const withBlock = recordBlock(repeated, repeats, 'Dense');
    const graph = { ...withBlock, extras: { ...withBlock.extras, experiment: def } };
    const { experimentId } = await runner.start(graph);
    const rec = await until(() => runner.get(experimentId), (r) => r.status !== 'running', 120_000);
    expect(rec.status).toBe('completed');
    const runs = await Promise.all(rec.trials.map((t) => service.getRun(t.runId!)));
    const hidden = runs.map((r) => r.graph.nodes.filter((n) => n.kind === 'Dense').length - 1);
    expect(hidden).toEqual([1, 3]);
    // 784*8+8 for the first copy, 8*8+8 per further copy, 8*10+10 for the head.
    expect(runs.map((r) => inferGraphFile(r.graph).totalParams)).toEqual([6280 + 90, 6280 + 2 * 72 + 90]);
    runs.forEach((r) => expect(r.status).toBe('completed'));
  }, 150_000);

  it.skipIf(!python)('an experiment on the PyTorch engine: every trial trains in PyTorch and is stored as a run (python3 + torch)', async () => {
    const def: ExperimentDefinition = {
      params: [{ path: 'training.learningRate', values: [0.01, 0.001] }],
      mode: 'grid',
      budget: { epochsPerTrial: 1, maxTrials: 4 },
      seed: 1,
    };
    const base = mlpGraph({ hidden: 8, epochs: 3, limit: 200, batchSize: 50 });
    const graph = { ...base, training: { ...base.training, engine: 'pytorch' as const, pytorch: { device: 'cpu' as const } }, extras: { experiment: def } };
    const { experimentId } = await runner.start(graph);
    const rec = await until(() => runner.get(experimentId), (r) => r.status !== 'running', 400_000);
    expect(rec.status, JSON.stringify(rec.trials)).toBe('completed');
    const runs = await Promise.all(rec.trials.map((t) => service.getRun(t.runId!)));
    runs.forEach((run, i) => {
      expect(run.engine).toMatchObject({ name: 'pytorch', device: 'cpu' });
      expect(run.training.learningRate).toBe(def.params[0].values![i]);
      expect(run.epochsHistory).toHaveLength(1);
      expect(rec.trials[i].final?.val_loss).toBe(run.final?.val_loss);
    });
  }, 450_000);
});
