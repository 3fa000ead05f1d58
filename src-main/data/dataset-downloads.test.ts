// Each downloadable set fetched from a loopback server holding small files in the real formats: progress with
// rate and time left, resume after a cut, a wrong digest refused, a stall, a 404, offline, cancel, remove.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetDownloadProgress, DownloadableDataset } from '../../shared/data/downloads';
import { downloadDataset, DatasetDownloads } from './dataset-downloads';
import { downloadableStatus, locateDataset, removeDownloaded } from './dataset-store';
import { DownloadError } from './download';
import { loadDataset } from './index';
import { testConfig } from './testConfig';
import { tempDir } from './testFiles';
import { smallDownloadables, startFileServer, type TestFileServer } from './testServer';

let server: TestFileServer;
let sets: Record<'cifar10' | 'fashion-mnist', DownloadableDataset>;
let files: Map<string, Uint8Array>;
let root = '';
let n = 0;
/** A fresh cache folder per test. */
const cache = () => join(root, `cache-${n++}`);

beforeAll(async () => {
  const small = await smallDownloadables();
  files = small.files;
  server = await startFileServer(files);
  sets = small.sets(server.base);
  root = await tempDir('dsdl');
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('downloadDataset', () => {
  it('fetches CIFAR-10 with progress (bytes, rate, time left), marks it verified, and the loader then reads it without a path', async () => {
    const dir = cache();
    const events: DatasetDownloadProgress[] = [];
    await downloadDataset(sets.cifar10, dir, { onProgress: (p) => events.push(p) });
    const total = files.get('cifar-10-binary.tar.gz')!.length;
    expect(events.at(-1)).toMatchObject({ id: 'cifar10', received: total, total });
    for (const e of events) expect(e.total).toBe(total);
    for (let i = 1; i < events.length; i++) expect(events[i].received).toBeGreaterThanOrEqual(events[i - 1].received);
    const status = await downloadableStatus(sets.cifar10, dir);
    expect(status).toMatchObject({ present: true, verified: true, bytes: total, location: join(dir, 'cifar10') });
    expect(locateDataset('cifar10', dir)).toBe(join(dir, 'cifar10', 'cifar-10-binary.tar.gz'));
    const data = await loadDataset(testConfig('cifar10', { representation: 'image' }), { cacheDir: dir });
    expect(data.train.size).toBe(100);
    expect(data.test?.size).toBe(10);
    expect(data.train.features.x.shape).toEqual([100, 32, 32, 3]);
  });

  it('resumes Fashion-MNIST after a cut transfer with a Range request, and prefers the download over any system copy', async () => {
    const dir = cache();
    server.requests.length = 0;
    server.cut('train-images-idx3-ubyte.gz', 1);
    await downloadDataset(sets['fashion-mnist'], dir, { retries: 1 });
    const asked = server.requests.filter((r) => r.path === 'train-images-idx3-ubyte.gz');
    expect(asked).toHaveLength(2);
    expect(asked[0].range).toBeUndefined();
    expect(asked[1].range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(locateDataset('fashion-mnist', dir)).toBe(join(dir, 'fashion-mnist'));
    const data = await loadDataset(testConfig('fashion-mnist'), { cacheDir: dir });
    expect(data.train.size).toBe(30);
    expect(data.test?.size).toBe(10);
  });

  it('keeps a cut transfer across calls (status shows the part) and the next call asks only for the rest', async () => {
    const dir = cache();
    server.requests.length = 0;
    server.cut('cifar-10-binary.tar.gz', 1);
    const err = await downloadDataset(sets.cifar10, dir, { retries: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('interrupted');
    const part = (await stat(join(dir, 'cifar10', 'cifar-10-binary.tar.gz.part'))).size;
    const status = await downloadableStatus(sets.cifar10, dir);
    expect(status).toMatchObject({ present: false, bytes: part });
    expect(status.note).toContain('Download resumes it');
    await downloadDataset(sets.cifar10, dir);
    expect(server.requests.map((r) => r.range)).toEqual([undefined, `bytes=${part}-`]);
    expect((await downloadableStatus(sets.cifar10, dir)).verified).toBe(true);
  });

  it('refuses a file whose digest differs and deletes the partial file', async () => {
    const dir = cache();
    const wrong = { ...sets.cifar10, files: sets.cifar10.files.map((f) => ({ ...f, sha256: 'ab'.repeat(32) })) };
    const err = await downloadDataset(wrong, dir).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('checksum');
    expect(err.message).toContain(`expected SHA-256 ${'ab'.repeat(32)}`);
    expect(await readdir(join(dir, 'cifar10'))).toEqual([]);
    expect((await downloadableStatus(wrong, dir)).present).toBe(false);
  });

  it('refuses a file whose MD5 differs when the publisher gives one (CIFAR-10)', async () => {
    const dir = cache();
    const wrong = { ...sets.cifar10, files: sets.cifar10.files.map((f) => ({ ...f, md5: '0'.repeat(32) })) };
    const err = await downloadDataset(wrong, dir).catch((e) => e);
    expect(err.reason).toBe('checksum');
    expect(err.message).toContain(`expected MD5 ${'0'.repeat(32)}`);
    expect(existsSync(join(dir, 'cifar10', 'cifar-10-binary.tar.gz.part'))).toBe(false);
  });

  it('gives up on a server that stalls, saying so and where to put the files by hand', async () => {
    const dir = cache();
    server.stall('t10k-labels-idx1-ubyte.gz');
    try {
      const err = await downloadDataset(sets['fashion-mnist'], dir, { timeoutMs: 300, retries: 0 }).catch((e) => e);
      expect(err).toBeInstanceOf(DownloadError);
      expect(err.reason).toBe('stalled');
      expect(err.message).toContain('the server stopped sending data');
      expect(err.message).toContain('no data for 0.3 s');
      expect(err.message).toContain(`put them in ${join(dir, 'fashion-mnist')}`);
    } finally {
      server.stall('t10k-labels-idx1-ubyte.gz', false);
    }
  });

  it('reports a 404 naming the address', async () => {
    const dir = cache();
    const gone = { ...sets.cifar10, mirrors: [`${server.base}moved/`] };
    const err = await downloadDataset(gone, dir).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('http');
    expect(err.message).toContain(`${server.base}moved/cifar-10-binary.tar.gz: HTTP 404`);
  });

  it('offline: names the exact files and folder; files placed there by hand are then found and loaded', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const dir = cache();
    const offline = { ...sets.cifar10, mirrors: [`http://127.0.0.1:${port}/~kriz/`] };
    const err = await downloadDataset(offline, dir).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('offline');
    expect(err.message).toContain('this computer seems to be offline');
    expect(err.message).toContain(`http://127.0.0.1:${port}/~kriz/cifar-10-binary.tar.gz`);
    expect(err.message).toContain(`put it (or its unpacked cifar-10-batches-bin folder) in ${join(dir, 'cifar10')}`);
    // By hand: the file dropped into the folder the message named.
    const src = join(root, 'by-hand.tar.gz');
    await (await import('node:fs/promises')).writeFile(src, files.get('cifar-10-binary.tar.gz')!);
    await mkdir(join(dir, 'cifar10'), { recursive: true });
    await copyFile(src, join(dir, 'cifar10', 'cifar-10-binary.tar.gz'));
    expect(await downloadableStatus(sets.cifar10, dir)).toMatchObject({ present: true, verified: false });
    const data = await loadDataset(testConfig('cifar10', { representation: 'image' }), { cacheDir: dir });
    expect(data.train.size).toBe(100);
    // Download on a placed file checks it without fetching it again.
    server.requests.length = 0;
    await downloadDataset(sets.cifar10, dir);
    expect(server.requests).toHaveLength(0);
    expect((await downloadableStatus(sets.cifar10, dir)).verified).toBe(true);
  });

  it('cancels a running download, keeps the part, and a later download resumes it', async () => {
    const dir = cache();
    server.stall('cifar-10-binary.tar.gz');
    const downloads = new DatasetDownloads(dir, () => sets.cifar10);
    let received = 0;
    let seen!: () => void;
    const firstBytes = new Promise<void>((r) => (seen = r));
    downloads.onProgress((p) => {
      received = p.received;
      if (p.received > 0) seen();
    });
    const running = downloads.start('cifar10');
    expect(downloads.start('cifar10')).toBe(running); // a second request joins the first
    await firstBytes;
    expect(downloads.cancel('cifar10')).toBe(true);
    const err = await running.catch((e) => e);
    server.stall('cifar-10-binary.tar.gz', false);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('cancelled');
    expect(downloads.isRunning('cifar10')).toBe(false);
    const part = (await stat(join(dir, 'cifar10', 'cifar-10-binary.tar.gz.part'))).size;
    expect(part).toBeGreaterThan(0);
    expect(received).toBeGreaterThan(0);
    server.requests.length = 0;
    await downloads.start('cifar10');
    expect(server.requests.map((r) => r.range)).toEqual([`bytes=${part}-`]);
  });

  it('removes a downloaded set', async () => {
    const dir = cache();
    await downloadDataset(sets.cifar10, dir);
    await removeDownloaded('cifar10', dir);
    expect(locateDataset('cifar10', dir)).toBeNull();
    expect((await downloadableStatus(sets.cifar10, dir)).present).toBe(false);
  });

  it('without the set on disk, loading CIFAR-10 says it is missing, its size and how to get it', async () => {
    const dir = cache();
    const err = await loadDataset(testConfig('cifar10', { representation: 'image' }), { cacheDir: dir }).catch((e) => e);
    expect(err.message).toContain('CIFAR-10 is not on this computer yet');
    expect(err.message).toContain('162 MB');
    expect(err.message).toContain('layerlab datasets download cifar10');
    expect(err.message).toContain(join(dir, 'cifar10'));
  });
});
