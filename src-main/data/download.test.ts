import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, type DownloadProgress } from './download';
import { DatasetError } from './errors';
import { makeRng } from '../../shared/data/random';

// A local server with one 300 kB file; it honours Range and can cut the first transfer halfway.
const body = Buffer.from(Array.from({ length: 300_000 }, ((rng) => () => Math.floor(rng() * 256))(makeRng(5))));
const sha = createHash('sha256').update(body).digest('hex');
const requests: { path: string; range?: string }[] = [];
let cutNext = 0;
let server: http.Server;
let base = '';
let dir = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', range: req.headers.range });
    if (req.url === '/missing') {
      res.writeHead(404).end('not here');
      return;
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      start = Number(m[1]);
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'Content-Length': body.length });
    }
    const slice = body.subarray(start);
    if (cutNext > 0) {
      cutNext--;
      // Send part of the data, then drop the connection.
      res.write(slice.subarray(0, Math.floor(slice.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'layerlab-dl-'));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('downloadFile', () => {
  it('downloads with progress events and a verified checksum, then serves the cache without a request', async () => {
    const dest = join(dir, 'a', 'file.bin');
    const events: DownloadProgress[] = [];
    requests.length = 0;
    await downloadFile({ urls: [`${base}/file`], dest, sha256: sha }, { onProgress: (p) => events.push(p) });
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0].received).toBe(0);
    expect(events.at(-1)).toMatchObject({ received: 300_000, total: 300_000, fraction: 1 });
    for (let i = 1; i < events.length; i++) expect(events[i].received).toBeGreaterThanOrEqual(events[i - 1].received);
    expect(requests).toHaveLength(1);
    await downloadFile({ urls: [`${base}/file`], dest, sha256: sha });
    expect(requests).toHaveLength(1);
  });

  it('rejects a checksum mismatch, naming both digests, and leaves no file behind', async () => {
    const dest = join(dir, 'bad.bin');
    const wrong = '0'.repeat(64);
    const err = await downloadFile({ urls: [`${base}/file`], dest, sha256: wrong }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain('checksum mismatch');
    expect(err.message).toContain(wrong);
    expect(err.message).toContain(sha);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('keeps the part of an interrupted transfer and the next call resumes it with a Range request', async () => {
    const dest = join(dir, 'resume.bin');
    requests.length = 0;
    cutNext = 1;
    const err = await downloadFile({ urls: [`${base}/file`], dest, sha256: sha }, { retries: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain('resumes');
    const partial = (await stat(`${dest}.part`)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(150_000);
    const events: DownloadProgress[] = [];
    await downloadFile({ urls: [`${base}/file`], dest, sha256: sha }, { onProgress: (p) => events.push(p) });
    expect(requests.map((r) => r.range)).toEqual([undefined, `bytes=${partial}-`]);
    expect(events[0]).toMatchObject({ resumed: true, received: partial });
    expect((await readFile(dest)).equals(body)).toBe(true);
  });

  it('retries a dropped connection within one call, resuming each time', async () => {
    const dest = join(dir, 'retry.bin');
    requests.length = 0;
    cutNext = 2;
    await downloadFile({ urls: [`${base}/file`], dest, sha256: sha }, { retries: 2 });
    // Each retry asks only for the bytes after what arrived (150,000 then 225,000 when nothing is lost in flight).
    const offsets = requests.map((r) => Number(/^bytes=(\d+)-$/.exec(r.range ?? '')?.[1] ?? 0));
    expect(offsets).toHaveLength(3);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBeGreaterThan(0);
    expect(offsets[2]).toBeGreaterThan(offsets[1]);
    expect((await readFile(dest)).equals(body)).toBe(true);
  });

  it('falls back to the next mirror after an HTTP error, and names the URL when all fail', async () => {
    const dest = join(dir, 'mirror.bin');
    await downloadFile({ urls: [`${base}/missing`, `${base}/file`], dest, sha256: sha });
    expect((await readFile(dest)).equals(body)).toBe(true);
    const err = await downloadFile({ urls: [`${base}/missing`], dest: join(dir, 'none.bin') }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(`${base}/missing: HTTP 404`);
  });

  it('replaces a cached file whose checksum is wrong', async () => {
    const dest = join(dir, 'stale.bin');
    await writeFile(dest, 'corrupted');
    await downloadFile({ urls: [`${base}/file`], dest, sha256: sha });
    expect((await readFile(dest)).equals(body)).toBe(true);
  });
});
