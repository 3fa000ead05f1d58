// The dataset-file methods through the real handlers and DatasetFiles: a run whose dataset is not on this computer
// is refused before it starts (naming the size and the Download), downloads report progress and statuses follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../shared/api';
import type { DatasetDownloadProgress } from '../shared/data/downloads';
import { getTemplate } from '../shared/templates';
import { createApiHandlers } from './api-handlers';
import { fakeDeps } from './api-handlers.fakes';
import { DatasetFiles } from './data/dataset-files';
import { tempDir } from './data/testFiles';
import { smallDownloadables, startFileServer, type TestFileServer } from './data/testServer';

let server: TestFileServer;
let dir = '';
let files: DatasetFiles;

beforeAll(async () => {
  const small = await smallDownloadables();
  server = await startFileServer(small.files);
  const sets = small.sets(server.base);
  dir = await tempDir('api-ds');
  const cacheDir = join(dir, 'cache');
  files = new DatasetFiles({ cacheDir, notAllowed: () => null, sets: (id) => sets[id as 'cifar10'] });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dataset files through the api', () => {
  it('refuses to train the CNN template while CIFAR-10 is missing, then trains once it is downloaded', async () => {
    const deps = fakeDeps({ datasetFiles: files });
    const api = createApiHandlers(deps);
    const graph = structuredClone(getTemplate('cnn-cifar10')!.graph);
    const err = await api.startTraining({ graph }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('CIFAR-10 is not on this computer yet');
    expect(err.message).toContain('162 MB');
    expect(deps.training.calls.filter((c) => c.method === 'start')).toHaveLength(0);
    const before = (await api.listDatasetStatus({ user: [] })).find((s) => s.id === 'cifar10')!;
    expect(before).toMatchObject({ present: false, kind: 'download', note: 'not downloaded' });

    const progress: DatasetDownloadProgress[] = [];
    const stop = files.onProgress((p) => progress.push(p));
    const result = await api.downloadDataset({ id: 'cifar10' });
    stop();
    expect(result).toMatchObject({ cancelled: false, status: { id: 'cifar10', present: true, verified: true } });
    expect(progress.at(-1)).toMatchObject({ id: 'cifar10', received: progress.at(-1)!.total });

    await api.startTraining({ graph });
    expect(deps.training.calls.filter((c) => c.method === 'start')).toHaveLength(1);

    const removed = await api.removeDataset({ id: 'cifar10' });
    expect(removed.present).toBe(false);
    expect(await api.openDatasetFolder({ id: 'cifar10' })).toEqual({ opened: false, path: join(dir, 'cache', 'cifar10') });
  });

  it('lists bundled, generated and user datasets, and rejects ids it does not download', async () => {
    const api = createApiHandlers(fakeDeps({ datasetFiles: files }));
    const all = await api.listDatasetStatus({ user: [{ datasetId: 'csv', path: join(dir, 'nowhere.csv') }] });
    expect(all.find((s) => s.id === 'mnist-bundled')).toMatchObject({ kind: 'bundled', present: true });
    expect(all.find((s) => s.id === 'seq-copy')).toMatchObject({ kind: 'generated', present: true });
    expect(all.at(-1)).toMatchObject({ kind: 'user', present: false, location: join(dir, 'nowhere.csv'), note: 'not found at this path' });
    const err = await api.downloadDataset({ id: 'imagenet' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid' });
    expect(err.message).toContain('cifar10, fashion-mnist, mnist');
  });

  it('a failed download rejects unavailable with the reason', async () => {
    const gone = { id: 'cifar10', name: 'CIFAR-10', folder: 'cifar10', homepage: '', mirrors: [`${server.base}gone/`], files: [{ name: 'x.tar.gz', bytes: 10, sha256: '0'.repeat(64) }] };
    const broken = new DatasetFiles({ cacheDir: join(dir, 'other'), notAllowed: () => null, sets: (id) => (id === 'cifar10' ? gone : undefined) });
    const api = createApiHandlers(fakeDeps({ datasetFiles: broken }));
    const err = await api.downloadDataset({ id: 'cifar10' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect(err.message).toContain('HTTP 404');
  });
});
