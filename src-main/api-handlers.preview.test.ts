// previewDataset over the api: payload checks at the boundary, and the real host wiring (src-main/host-deps.ts):
// the preview runs in a job worker process, a bad dataset file comes back as an 'invalid' error whose message
// names the file, the work is done by that worker while the host only relays its answer, and a worker that dies says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps, sampleGraph } from './api-handlers.fakes';
import { createServiceDeps, type ServiceDeps } from './host-deps';
import { previewDataset } from './data';
import { forkJobWorkerFactory } from './web/fork-worker';
import type { DatasetPreview } from '../shared/data/preview';
import { answerFromWorker, gatedJobWorkers } from './jobs/testing/gated-worker';
import { encodeImage } from './data/testFiles';

const DIES_MID_JOB = path.join(import.meta.dirname, 'jobs/testing/dies-mid-job.ts');
const dataset = (patch: Record<string, unknown> = {}) => ({ ...sampleGraph().dataset, ...patch });

describe('previewDataset payload', () => {
  const handlers = createApiHandlers(fakeDeps());

  it('checks the dataset config and the sample count', async () => {
    const bad = async (payload: unknown) => {
      const res = await dispatch(handlers, 'previewDataset', payload);
      expect(res.ok).toBe(false);
      return res.ok ? '' : `${res.error.code}: ${res.error.message}`;
    };
    expect(await bad(undefined)).toBe('invalid: previewDataset: payload must be an object, got undefined');
    expect(await bad({ dataset: { id: 'mnist' } })).toMatch(/^invalid: previewDataset: 'dataset.representation' must be one of/);
    expect(await bad({ dataset: dataset(), samples: 65 })).toBe("invalid: previewDataset: 'samples' must be a whole number from 0 to 64, got 65");
    expect(await bad({ dataset: dataset(), samples: '3' })).toMatch(/'samples' must be a whole number from 0 to 64, got the string "3"/);
    expect(await bad({ dataset: dataset(), samples: 2.5 })).toMatch(/got 2.5/);
  });

  it('passes the config and the count (default 8) to the service', async () => {
    const ok = await dispatch(handlers, 'previewDataset', { dataset: dataset(), samples: 3 });
    expect(ok).toMatchObject({ ok: true, result: { id: 'xor' } });
    if (ok.ok) expect((ok.result as { samples: unknown[] }).samples).toHaveLength(3);
    const byDefault = await dispatch(handlers, 'previewDataset', { dataset: dataset() });
    if (byDefault.ok) expect((byDefault.result as { samples: unknown[] }).samples).toHaveLength(8);
    else throw new Error(byDefault.error.message);
  });
});

describe('previewDataset through the real host services', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-preview-'));
  let services: ServiceDeps | undefined;
  const handlers = () => {
    services ??= createServiceDeps({
      host: 'web', version: 'test', dataDir: home,
      spawnWorker: () => { throw new Error('no training workers in this test'); },
      spawnJobWorker: forkJobWorkerFactory(),
    });
    return createApiHandlers({ ...services.deps, files: fakeDeps().files });
  };
  afterAll(async () => {
    await services?.dispose();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('a missing CSV file is an invalid request naming the file', async () => {
    const missing = path.join(home, 'nowhere', 'table.csv');
    const res = await dispatch(handlers(), 'previewDataset', { dataset: dataset({ id: 'csv', representation: 'vector', normalization: 'none', options: { path: missing } }) });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!res.ok) expect(res.error.message).toBe(`previewDataset: ${missing}: cannot read: no such file or folder`);
  });

  it('a CSV with a non-numeric cell names the file and the problem', async () => {
    const file = path.join(home, 'bad.csv');
    fs.writeFileSync(file, 'a,b,label\n1,2,x\n3,4,y\n5,oops,x\n6,7,y\n');
    const res = await dispatch(handlers(), 'previewDataset', { dataset: dataset({ id: 'csv', representation: 'vector', normalization: 'none', options: { path: file } }) });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid');
      expect(res.error.message).toBe(`previewDataset: ${file}: row 4, column 'b': 'oops' is not a number (the rest of the column is numeric)`);
    }
  });

  it('a generated sequence task previews with decoded text', async () => {
    const res = await dispatch(handlers(), 'previewDataset', {
      dataset: dataset({ id: 'addition', representation: 'sequence', normalization: 'none', options: { samples: 40 } }),
      samples: 4,
    });
    if (!res.ok) throw new Error(res.error.message);
    const preview = res.result as import('../shared/data/preview').DatasetPreview;
    expect(preview.samples).toHaveLength(4);
    expect(preview.sizes.train + preview.sizes.validation).toBe(40);
    expect(preview.samples[0].features.x.text).toMatch(/^\d+\+\d+ *$/);
  });

  it('a folder of JPEGs previews through the forked job worker (sharp loads and decodes there)', async () => {
    const root = path.join(home, 'photos');
    for (const [k, cls] of ['cats', 'dogs'].entries()) {
      fs.mkdirSync(path.join(root, cls), { recursive: true });
      for (let i = 0; i < 5; i++) {
        const pixels = new Uint8Array(10 * 8 * 3).fill(60 + 120 * k);
        fs.writeFileSync(path.join(root, cls, `${i}.jpg`), await encodeImage({ width: 10, height: 8, channels: 3, pixels }, 'jpeg'));
      }
    }
    const res = await dispatch(handlers(), 'previewDataset', {
      dataset: dataset({ id: 'image-folder', representation: 'image', normalization: 'none', labels: 'int', options: { path: root } }),
      samples: 4,
    });
    if (!res.ok) throw new Error(res.error.message);
    const preview = res.result as DatasetPreview;
    expect(preview.shapes.features.x).toEqual([8, 10, 3]);
    expect(preview.classNames).toEqual(['cats', 'dogs']);
    for (const s of preview.samples) expect(Math.abs(s.features.x.values[0] - (60 + 120 * s.label!))).toBeLessThan(4);
  }, 60_000);

  it('the bundled MNIST preview is computed in the job worker; the host only relays its answer', async () => {
    const mnist = dataset({ id: 'mnist-bundled', representation: 'image', normalization: 'scale01', options: {} });
    const gate = gatedJobWorkers(forkJobWorkerFactory());
    const gated = createServiceDeps({
      host: 'web', version: 'test', dataDir: fs.mkdtempSync(path.join(home, 'gated-')),
      spawnWorker: () => { throw new Error('no training workers in this test'); },
      spawnJobWorker: gate.spawn,
    });
    try {
      const h = createApiHandlers({ ...gated.deps, files: fakeDeps().files });
      const { answer, settled, result } = await answerFromWorker(gate, () => dispatch(h, 'previewDataset', { dataset: mnist, samples: 8 }));
      // One job went to the worker and its answer is held: the api call must still be waiting for it, so the
      // decode happened in that process, and this loop is free meanwhile.
      expect(gate.sent.map((m) => m.job.kind)).toEqual(['preview']);
      await new Promise((r) => setImmediate(r));
      expect(settled()).toBe(false);
      expect(answer.message.type).toBe('done');
      answer.release();
      const res = await result;
      if (!res.ok) throw new Error(res.error.message);
      const preview = res.result as DatasetPreview;
      expect(preview).toEqual((answer.message as { result: unknown }).result);
      expect(preview.sizes.train + preview.sizes.validation).toBe(8000);
      expect(preview.sizes.test).toBe(2000);
      expect(preview.samples).toHaveLength(8);
      expect(preview.samples[0].features.x.shape).toEqual([28, 28, 1]);
      // The same preview computed here directly gives the same samples.
      const inProcess = await previewDataset(mnist, 8, { cacheDir: path.join(home, 'cache') });
      expect(inProcess.samples[0]).toEqual(preview.samples[0]);
    } finally {
      await gated.dispose();
    }
  }, 60_000);

  it('a job worker that dies mid-preview is a clear error, and the next preview gets a fresh worker', async () => {
    const dir = fs.mkdtempSync(path.join(home, 'crash-'));
    let spawned = 0;
    const crashing = createServiceDeps({
      host: 'web', version: 'test', dataDir: dir,
      spawnWorker: () => { throw new Error('no training workers in this test'); },
      // The first worker dies mid-job; later ones are the real worker.
      spawnJobWorker: () => (spawned++ === 0 ? forkJobWorkerFactory(DIES_MID_JOB) : forkJobWorkerFactory())(),
    });
    try {
      const h = createApiHandlers({ ...crashing.deps, files: fakeDeps().files });
      const addition = dataset({ id: 'addition', representation: 'sequence', normalization: 'none', options: { samples: 40 } });
      const res = await dispatch(h, 'previewDataset', { dataset: addition, samples: 2 });
      expect(res).toEqual({
        kind: 'response', id: 0, ok: false,
        error: {
          code: 'internal',
          message: 'previewDataset: the dataset preview process stopped unexpectedly (exit code 3); its last output: reading addition...',
          // the code and values the renderer shows in the chosen language
          detail: expect.objectContaining({ code: 'api.jobCrashed', params: { job: 'previewDataset', process: 'dataset preview', how: 'exit code 3' } }),
        },
      });
      const again = await dispatch(h, 'previewDataset', { dataset: addition, samples: 2 });
      expect(again.ok ? again.result : again.error).toMatchObject({ id: 'addition', sizes: { train: 36, validation: 4 } });
      expect(spawned).toBe(2);
    } finally {
      await crashing.dispose();
    }
  }, 30_000);
});
