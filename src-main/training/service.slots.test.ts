// Run slots: starts that arrive together (the web host receives them in one burst) must not all see a free slot.
// The check and the reservation happen in one synchronous step, so exactly maxConcurrent are accepted and the rest
// get a clear 'busy' refusal; a finished run frees its slot. Workers are in-memory stand-ins (nothing trains).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import type { WorkerHandle, WorkerToMain } from './protocol';
import { TrainingService } from './service';
import { mlpGraph } from './testing/fixtures';
import { until } from '../../shared/testing/until';

class IdleWorker implements WorkerHandle {
  private messages: ((msg: WorkerToMain) => void)[] = [];
  private exits: ((code: number | null, signal: string | null) => void)[] = [];
  send() {}
  onMessage(l: (msg: WorkerToMain) => void) { this.messages.push(l); }
  onExit(l: (code: number | null, signal: string | null) => void) { this.exits.push(l); }
  onOutput() {}
  kill() { setTimeout(() => this.exits.forEach((l) => l(null, 'SIGKILL')), 0); }
  emit(msg: WorkerToMain) { this.messages.forEach((l) => l(msg)); }
}

const dirs: string[] = [];
const services: TrainingService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function serviceWithIdleWorkers(maxConcurrent: number) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-slots-'));
  dirs.push(dataDir);
  const workers: IdleWorker[] = [];
  const service = new TrainingService({ dataDir, maxConcurrent, spawnWorker: () => { const w = new IdleWorker(); workers.push(w); return w; } });
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
