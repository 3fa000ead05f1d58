// Limits checked before a worker starts. Run slots: starts that arrive together (the web host receives them in
// one burst) must not all see a free slot; the check and the reservation happen in one synchronous step, so
// exactly maxConcurrent are accepted and the rest get a clear 'busy' refusal. Memory: a graph whose training
// cannot fit in the machine's memory is refused with the estimate and the machine's memory, before any worker
// exists. Workers are in-memory stand-ins (nothing trains).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { TrainingService } from './service';
import { mlpGraph } from './testing/fixtures';
import { IdleWorker } from './testing/idle-worker';
import type { GraphFile } from '../../shared/graph/types';
import { formatBytes } from '../../shared/graph/memory';
import { until } from '../../shared/testing/until';

const dirs: string[] = [];
const services: TrainingService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function serviceWithIdleWorkers(maxConcurrent: number, machineMemoryBytes?: number) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-slots-'));
  dirs.push(dataDir);
  const workers: IdleWorker[] = [];
  const service = new TrainingService({ dataDir, maxConcurrent, machineMemoryBytes, spawnWorker: () => { const w = new IdleWorker(); workers.push(w); return w; } });
  services.push(service);
  return { service, workers };
}

describe('training slots', () => {
  it('six simultaneous starts with a limit of four: four runs, two clear refusals, no extra worker', async () => {
    const { service, workers } = await serviceWithIdleWorkers(4);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => service.start(mlpGraph({ epochs: 1, limit: 100 }))));
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ApiError] : []));
    expect(accepted).toHaveLength(4);
    expect(workers).toHaveLength(4);
    expect(refused).toHaveLength(2);
    for (const err of refused) {
      expect(err).toBeInstanceOf(ApiError);
      expect(err.code).toBe('busy');
      expect(err.message).toMatch(/^4 runs are already training \(at most 4 at once\); stop one or wait for it to finish$/);
    }
    expect((await service.listRuns()).filter((r) => r.status === 'running')).toHaveLength(4);
  });

  it('a run that ends frees its slot for the next start', async () => {
    const { service, workers } = await serviceWithIdleWorkers(1);
    const { runId } = await service.start(mlpGraph({ epochs: 1, limit: 100 }));
    await expect(service.start(mlpGraph({ epochs: 1, limit: 100 }))).rejects.toMatchObject({ code: 'busy' });
    workers[0].emit({ type: 'failed', error: 'stopped by the test' });
    await until(async () => (await service.getRun(runId)).status === 'failed', 'the run to be recorded as failed');
    await expect(service.start(mlpGraph({ epochs: 1, limit: 100 }))).resolves.toMatchObject({ runId: expect.any(String) });
  });
});

describe('memory', () => {
  /** Input 784 -> Dense(units) x layers -> Dense 10: the Dense 1e6 x 1e6 with two hidden layers. */
  function wide(units: number, layers: number, training: Partial<GraphFile['training']> = {}): GraphFile {
    const g = mlpGraph({ hidden: units, training });
    const extra = Array.from({ length: layers - 1 }, (_, i) => ({ id: `h${i}`, kind: 'Dense', params: { units }, position: { x: 300, y: 100 * (i + 1) } }));
    const chain = ['in', 'd1', ...extra.map((n) => n.id), 'd2', 'out'];
    return {
      ...g,
      nodes: [...g.nodes, ...extra],
      edges: chain.slice(1).map((t, i) => ({ id: `e${i}`, source: chain[i], sourceHandle: 'out', target: t, targetHandle: 'in' })),
    };
  }

  it('a Dense 1e6 x 1e6 graph is refused on this machine with the estimate and the machine memory; no worker, no run', async () => {
    const { service, workers } = await serviceWithIdleWorkers(4);
    const err = await service.start(wide(1_000_000, 2)).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid');
    const machine = formatBytes(os.totalmem());
    expect((err as ApiError).message).toBe(
      'Too big to train on this machine: training needs about 72.1 TB (weights 4.0 TB, gradients 4.0 TB, adam state and update 64.1 TB, ' +
        `activations for a batch of 32 896 MB), and this machine has ${machine} of memory. Use fewer or smaller layers, a smaller batch size ` +
        'or a lighter optimizer (sgd keeps the least state), or export it as PyTorch code to train on a bigger machine.',
    );
    expect(workers).toHaveLength(0);
    expect(await service.listRuns()).toEqual([]);
  });

  it('the same graph is refused or accepted by the machine memory it is checked against', async () => {
    const graph = wide(4096, 1); // 3.2M weights: about 236 MB with adam
    const small = await serviceWithIdleWorkers(4, 200e6);
    await expect(small.service.start(graph)).rejects.toThrow(/^Too big to train on this machine: training needs about 2\d\d MB .* and this machine has 200 MB of memory\./);
    await expect(small.service.start(wide(4096, 1, { optimizer: 'sgd' }))).resolves.toMatchObject({ runId: expect.any(String) });
    const big = await serviceWithIdleWorkers(4, 24e9);
    await expect(big.service.start(graph)).resolves.toMatchObject({ runId: expect.any(String) });
  });
});
