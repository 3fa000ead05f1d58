// exportRun over the api: the payload is checked at the boundary, hosts without an exporter say so, and
// the real host wiring exports a stored run into <dataDir>/exports/ (the web host has no folder dialog),
// in the job worker process, with a bad run id coming back as the same 'invalid' error as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps } from './api-handlers.fakes';
import { createServiceDeps } from './host-deps';
import { forkJobWorkerFactory, forkWorkerFactory } from './web/fork-worker';
import { mlpGraph } from './training/testing/fixtures';
import { answerFromWorker, gatedJobWorkers } from './jobs/testing/gated-worker';
import { eventWaiter, isFinalEvent } from './training/testing/next-event';
import type { TrainEvent } from '../shared/api';

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

describe('exportRun', () => {
  it('refuses bad payloads with a message naming the field', async () => {
    const handlers = createApiHandlers(fakeDeps());
    const bad = async (payload: unknown) => {
      const res = await dispatch(handlers, 'exportRun', payload);
      return res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`;
    };
    expect(await bad({ runId: 'run-1', format: 'caffe' })).toMatch(/^invalid: exportRun: 'format' must be one of tfjs, pytorch, keras, onnx/);
    expect(await bad({ runId: '../etc', format: 'tfjs' })).toMatch(/^invalid: exportRun: 'runId'/);
    expect(await bad({ runId: 'run-1', format: 'tfjs' })).toBe('unsupported: exportRun: this host cannot export models');
  });

  it('exports a trained run as tfjs files and a PyTorch script into the data folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-export-api-'));
    homes.push(dataDir);
    const gate = gatedJobWorkers(forkJobWorkerFactory());
    const services = createServiceDeps({ host: 'web', version: 'test', dataDir, spawnWorker: forkWorkerFactory(), spawnJobWorker: gate.spawn });
    try {
      const handlers = createApiHandlers({ ...services.deps, files: { open: async () => ({ canceled: true }), save: async () => ({ canceled: true }) } });
      const events: TrainEvent[] = [];
      services.training.onEvent((e) => events.push(e));
      const { runId } = await handlers.startTraining({ graph: mlpGraph({ epochs: 1, limit: 200 }) });
      await eventWaiter(services.training, events, 120_000)(runId, isFinalEvent);
      const missing = await dispatch(handlers, 'exportRun', { runId: 'run-missing', format: 'tfjs' });
      expect(missing.ok ? missing.result : missing.error).toEqual({
        code: 'invalid',
        message: `exportRun: no run 'run-missing' in ${path.join(dataDir, 'runs')}`,
        detail: expect.objectContaining({ code: 'export.failed' }),
      });

      const tfjs = await handlers.exportRun({ runId, format: 'tfjs' });
      if (tfjs.canceled) throw new Error('not expected');
      expect(tfjs.dir).toBe(path.join(dataDir, 'exports', `${runId}-tfjs`));
      expect(fs.readdirSync(tfjs.dir)).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
      const manifest = JSON.parse(fs.readFileSync(path.join(tfjs.dir, 'model.json'), 'utf8'));
      expect(manifest.format).toBe('layers-model');

      // tfjs load, code generation and data.npz happen in the job worker: one export job goes there, and the
      // api call waits for its answer (held here) instead of doing the work on this loop.
      const jobsBefore = gate.sent.length;
      const { answer, settled, result } = await answerFromWorker(gate, () => handlers.exportRun({ runId, format: 'pytorch' }));
      expect(gate.sent.slice(jobsBefore).map((m) => [m.job.kind, (m.job as { format?: string }).format])).toEqual([['export', 'pytorch']]);
      await new Promise((r) => setImmediate(r));
      expect(settled()).toBe(false);
      expect(answer.message.type).toBe('done');
      answer.release();
      const torch = await result;
      if (torch.canceled) throw new Error('not expected');
      expect(fs.readdirSync(torch.dir).sort()).toEqual(['data.npz', 'model.py', 'weights.npz']);
    } finally {
      await services.dispose();
    }
  });
});
