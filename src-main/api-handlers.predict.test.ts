// getTryInfo and predict over the api: payloads are checked at the boundary, hosts without the try worker say
// so, and the real host wiring answers from the job worker process (every job is counted there), with a wrong
// input coming back 'invalid' and a message naming the problem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps } from './api-handlers.fakes';
import { createServiceDeps } from './host-deps';
import { forkJobWorkerFactory, forkWorkerFactory } from './web/fork-worker';
import { mlpGraph } from './training/testing/fixtures';
import { gatedJobWorkers } from './jobs/testing/gated-worker';
import { eventWaiter, isFinalEvent } from './training/testing/next-event';
import type { TrainEvent } from '../shared/api';

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

describe('predict over the api', () => {
  it('refuses bad payloads with a message naming the field', async () => {
    const handlers = createApiHandlers(fakeDeps());
    const bad = async (method: 'predict' | 'getTryInfo', payload: unknown) => {
      const res = await dispatch(handlers, method, payload);
      return res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`;
    };
    expect(await bad('predict', { runId: 'run-1', input: { kind: 'sound' } })).toMatch(/^invalid: predict: 'input.kind' must be one of sample, image, text, series, features/);
    expect(await bad('predict', { runId: 'run-1', input: { kind: 'sample', index: -1 } })).toMatch(/^invalid: predict: 'input.index' must be a whole number from 0/);
    expect(await bad('predict', { runId: 'run-1', input: { kind: 'image', width: 28, height: 28, channels: 2, pixels: [] } })).toMatch(/'input.channels' must be 1 \(grey\) or 3 \(RGB\)/);
    expect(await bad('predict', { runId: 'run-1', input: { kind: 'text', text: 'a' }, generate: { count: 5, temperature: 0, topK: 0, seed: 1 } })).toMatch(/'generate.temperature' must be a number above 0/);
    expect(await bad('predict', { runId: '../x', input: { kind: 'sample', index: 0 } })).toMatch(/^invalid: predict: 'runId'/);
    expect(await bad('predict', { runId: 'run-1', input: { kind: 'sample', index: 0 } })).toBe('unsupported: predict: this host cannot load trained runs');
    expect(await bad('getTryInfo', { runId: 'run-1' })).toBe('unsupported: getTryInfo: this host cannot load trained runs');
  });

  it('answers from the job worker for a trained run, and names a wrong input', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-predict-api-'));
    homes.push(dataDir);
    const gate = gatedJobWorkers(forkJobWorkerFactory());
    const services = createServiceDeps({ host: 'web', version: 'test', dataDir, spawnWorker: forkWorkerFactory(), spawnJobWorker: gate.spawn });
    try {
      const handlers = createApiHandlers({ ...services.deps, files: { open: async () => ({ canceled: true }), save: async () => ({ canceled: true }) } });
      const events: TrainEvent[] = [];
      services.training.onEvent((e) => events.push(e));
      const { runId } = await handlers.startTraining({ graph: mlpGraph({ epochs: 1, limit: 200 }) });
      await eventWaiter(services.training, events, 120_000)(runId, isFinalEvent);
      const t0 = Date.now();
      const info = await handlers.getTryInfo({ runId });
      console.warn(`[predict api] getTryInfo (the worker loads the model and the dataset): ${Date.now() - t0} ms`);
      expect(info).toMatchObject({ runId, mode: 'image', split: 'test', image: { width: 28, height: 28, channels: 1 } });
      const result = await handlers.predict({ runId, input: { kind: 'sample', index: 2 } });
      if (result.kind !== 'classes') throw new Error(`expected classes, got ${result.kind}`);
      expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(gate.sent.map((m) => m.job.kind)).toEqual(['tryInfo', 'predict']);

      const wrong = await dispatch(handlers, 'predict', { runId, input: { kind: 'text', text: 'seven' } });
      expect(wrong.ok ? wrong.result : wrong.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^predict: this run's model reads images .* not text/) });
      const missing = await dispatch(handlers, 'getTryInfo', { runId: 'run-missing' });
      expect(missing.ok ? missing.result : missing.error).toEqual({ code: 'invalid', message: `getTryInfo: no run 'run-missing' in ${path.join(dataDir, 'runs')}` });
    } finally {
      await services.dispose();
    }
  }, 300_000);
});
