// Reads of the user's files through the api (issue 15, item 4): a path that only arrives inside a graph is not
// read until the user allows it; describing a CSV or text dataset runs in the job worker, streamed and capped,
// never in the host's main loop; FIFOs and devices are refused there too.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WireResponse } from '../shared/api';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps, sampleGraph } from './api-handlers.fakes';
import { createServiceDeps, type ServiceDeps } from './host-deps';
import type { MainToJobWorker } from './jobs/protocol';
import { forkJobWorkerFactory } from './web/fork-worker';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-reads-home-'));
// The user's files live outside the data folder, like anyone's documents.
const docs = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-reads-docs-'));
const SECRET = 'root:x:0:0:the secret nobody shared:/root:/bin/bash\n'.repeat(40);
const secretFile = path.join(docs, 'passwd');
fs.writeFileSync(secretFile, SECRET);

const jobsSent: MainToJobWorker[] = [];
const services: ServiceDeps[] = [];
function host(opts: { confirm?: (p: string) => Promise<boolean> } = {}) {
  const fork = forkJobWorkerFactory();
  const made = createServiceDeps({
    host: 'web', version: 'test', dataDir: home,
    spawnWorker: () => { throw new Error('no training workers in this test'); },
    // Records what reaches the job worker, so a test can tell where the work ran.
    spawnJobWorker: () => {
      const handle = fork();
      const send = handle.send.bind(handle);
      handle.send = (msg) => {
        jobsSent.push(msg);
        send(msg);
      };
      return handle;
    },
    confirmDatasetRead: opts.confirm,
  });
  services.push(made);
  return createApiHandlers({ ...made.deps, files: fakeDeps().files });
}
afterAll(async () => {
  for (const s of services) await s.dispose();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(docs, { recursive: true, force: true });
});

const charText = (file: string) => ({
  ...sampleGraph().dataset, id: 'char-text', representation: 'sequence', labels: 'int', normalization: 'none',
  options: { path: file, context: 16 },
});
const graphReading = (file: string) => ({ ...sampleGraph(), dataset: charText(file) });
const textOf = (res: WireResponse) => JSON.stringify(res);

describe('dataset paths a graph names are read only once the user allowed them', () => {
  it('preview, describe, training and experiments refuse a path never allowed, and nothing of the file leaks', async () => {
    const api = host();
    const named = [secretFile, ...(fs.existsSync('/etc/passwd') ? ['/etc/passwd'] : [])];
    for (const file of named) {
      for (const [method, payload] of [
        ['previewDataset', { dataset: charText(file), samples: 4 }],
        ['describeDataset', { dataset: charText(file) }],
        ['startTraining', { graph: graphReading(file) }],
        ['startExperiment', { graph: graphReading(file) }],
      ] as const) {
        const res = await dispatch(api, method, payload);
        expect(res, `${method} ${file}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        if (!res.ok) expect(res.error.message).toContain(`${method}: the dataset path ${file} has not been allowed on this computer`);
        expect(textOf(res)).not.toContain('root:x:0:0');
      }
    }
    expect(jobsSent.filter((m) => m.job.kind !== 'export' && JSON.stringify(m.job).includes(secretFile))).toEqual([]);
  });

  it('after allowDatasetPath the same preview works, and the grant outlives the host', async () => {
    const api = host();
    const allowed = await dispatch(api, 'allowDatasetPath', { path: secretFile });
    expect(allowed).toEqual({ kind: 'response', id: 0, ok: true, result: { allowed: true, path: secretFile } });
    const res = await dispatch(api, 'previewDataset', { dataset: charText(secretFile), samples: 2 });
    expect(res.ok).toBe(true);
    expect(textOf(res)).toContain('root:x:0:0');
    // A new host on the same data folder (the app restarted) still has the grant.
    const again = await dispatch(host(), 'describeDataset', { dataset: charText(secretFile) });
    expect(again).toMatchObject({ ok: true, result: { features: { x: [16] } } });
  });

  it('a folder grant covers what is inside it, not a neighbour that shares its prefix', async () => {
    const api = host();
    const folder = path.join(docs, 'texts');
    const neighbour = path.join(docs, 'texts-other');
    for (const dir of [folder, neighbour]) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'a.txt'), 'To be, or not to be, that is the question. '.repeat(20));
    }
    await dispatch(api, 'allowDatasetPath', { path: folder });
    expect(await dispatch(api, 'describeDataset', { dataset: charText(path.join(folder, 'a.txt')) })).toMatchObject({ ok: true });
    expect(await dispatch(api, 'describeDataset', { dataset: charText(path.join(neighbour, 'a.txt')) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // '..' does not climb out of a grant, nor does a 'resources/' name out of the bundled samples.
    const climb = path.join(folder, '..', 'texts-other', 'a.txt');
    expect(await dispatch(api, 'describeDataset', { dataset: charText(climb) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bundledClimb = `resources/samples/${'../'.repeat(12)}${path.join(neighbour, 'a.txt').slice(1)}`;
    expect(await dispatch(api, 'previewDataset', { dataset: charText(bundledClimb) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the bundled sample text and the data folder need no grant; a declined native confirmation grants nothing', async () => {
    const declined = host({ confirm: async () => false });
    expect(await dispatch(declined, 'describeDataset', { dataset: charText('resources/samples/shakespeare-sonnets.txt') })).toMatchObject({ ok: true });
    const inHome = path.join(home, 'mine.txt');
    fs.writeFileSync(inHome, 'abcdefghij'.repeat(50));
    expect(await dispatch(declined, 'describeDataset', { dataset: charText(inHome) })).toMatchObject({ ok: true });
    const other = path.join(docs, 'declined.txt');
    fs.writeFileSync(other, 'abcdefghij'.repeat(50));
    expect(await dispatch(declined, 'allowDatasetPath', { path: other })).toMatchObject({ ok: true, result: { allowed: false, path: other } });
    expect(await dispatch(declined, 'describeDataset', { dataset: charText(other) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(declined, 'allowDatasetPath', { path: 'a\0b' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('describing a dataset that reads files runs in the job worker, streamed and capped', () => {
  const csvDataset = (file: string) => ({ ...sampleGraph().dataset, id: 'csv', representation: 'vector', normalization: 'none', options: { path: file } });

  it('a CSV is described by the job worker, not the host', async () => {
    const api = host();
    const file = path.join(home, 'table.csv');
    fs.writeFileSync(file, ['a,b,label', ...Array.from({ length: 50 }, (_, i) => `${i},${i % 3},${['x', 'y'][i % 2]}`)].join('\n'));
    const before = jobsSent.length;
    const res = await dispatch(api, 'describeDataset', { dataset: csvDataset(file) });
    expect(res).toMatchObject({ ok: true, result: { features: { x: [2] }, numClasses: 2, testSize: 10 } });
    expect(jobsSent.slice(before).map((m) => m.job.kind)).toEqual(['describe']);
    // Catalogue-only sets are answered without a worker.
    const generated = await dispatch(api, 'describeDataset', { dataset: { ...sampleGraph().dataset, id: 'mnist-bundled' } });
    expect(generated.ok).toBe(true);
    expect(jobsSent.length).toBe(before + 1);
  });

  it('refuses a CSV over the size cap and a FIFO with a message naming them', async () => {
    const api = host();
    const big = path.join(home, 'big.csv');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 300 * 1024 * 1024); // sparse: no disk used
    const res = await dispatch(api, 'describeDataset', { dataset: csvDataset(big) });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid', message: `describeDataset: ${big}: is 300 MB; LayerLab reads CSV files of up to 256 MB` } });
    const fifo = path.join(home, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const piped = await dispatch(api, 'previewDataset', { dataset: csvDataset(fifo) });
    expect(piped).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!piped.ok) expect(piped.error.message).toContain(`${fifo}: cannot read: it is a named pipe (FIFO), and only regular files are read`);
  });
});
