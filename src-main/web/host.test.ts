import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_METHODS, WEB_API_PATH } from '../../shared/api';
import type { TrainEvent, WireEvent, WireResponse } from '../../shared/api';
import { fakeDeps, sampleGraph } from '../api-handlers.fakes';
import { startWebHost, type WebHost } from './host';

let host: WebHost;
let deps: ReturnType<typeof fakeDeps>;
let rendererDir: string;
let outsideFile: string;

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-webhost-'));
  rendererDir = path.join(base, 'renderer-web');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LayerLab</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  outsideFile = path.join(base, 'secret.txt');
  fs.writeFileSync(outsideFile, 'SECRET');
  fs.symlinkSync(outsideFile, path.join(rendererDir, 'link.txt'));
  deps = fakeDeps();
  host = await startWebHost({ deps, port: 0, rendererDir });
});

afterAll(async () => {
  await host?.close();
});

function wsUrl(query: string): string {
  return `ws://127.0.0.1:${host.port}${WEB_API_PATH}${query}`;
}

/** A connected client that collects every message it receives. */
async function connect(): Promise<{ ws: WebSocket; messages: unknown[]; next: (pred: (m: any) => boolean) => Promise<any> }> {
  const ws = new WebSocket(wsUrl(`?token=${host.token}`));
  const messages: unknown[] = [];
  const waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    messages.push(msg);
    for (const w of [...waiters]) if (w.pred(msg)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(msg); }
  });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const next = (pred: (m: any) => boolean): Promise<any> => {
    const found = messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ pred, resolve }));
  };
  return { ws, messages, next };
}

let nextId = 1;
async function request(client: Awaited<ReturnType<typeof connect>>, method: string, payload?: unknown): Promise<WireResponse> {
  const id = nextId++;
  client.ws.send(JSON.stringify({ kind: 'request', id, method, payload }));
  return client.next((m) => m.kind === 'response' && m.id === id);
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function get(pathname: string, opts: { method?: string; host?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw path (http.get would normalise '..' away when given a URL).
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: opts.method ?? 'GET', headers: opts.host ? { host: opts.host } : {} },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host: WebSocket api', () => {
  it('prints a 127.0.0.1 URL carrying a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers requests from a client with the token', async () => {
    const client = await connect();
    const res = await request(client, 'getInfo');
    expect(res).toMatchObject({ kind: 'response', ok: true, result: { version: '0.0.0-test' } });
    const started = await request(client, 'startTraining', { graph: sampleGraph() });
    expect(started).toMatchObject({ ok: true, result: { runId: 'run-1' } });
    expect(deps.training.calls.at(-1)).toEqual({ method: 'start', arg: sampleGraph() });
    client.ws.close();
  });

  it('binds every api method (contract)', async () => {
    const client = await connect();
    for (const method of API_METHODS) {
      const res = await request(client, method, undefined);
      if (!res.ok) expect(res.error.message, method).not.toMatch(/Unknown api method/);
    }
    client.ws.close();
  });

  it('refuses connections without or with a wrong token, closing with a reason', async () => {
    for (const query of ['', '?token=', `?token=${host.token.slice(0, -1)}x`, `?token=${host.token}x`]) {
      const ws = new WebSocket(wsUrl(query));
      ws.on('open', () => ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'getInfo' })));
      // An accepted connection would answer the request: treat an answer as the failure it is.
      const answered = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('message', (m) => { ws.terminate(); resolve({ code: -1, reason: `answered: ${m.toString()}` }); }));
      const closed = await Promise.race([closeOf(ws), answered]);
      expect(closed.code, query).toBe(1008);
      expect(closed.reason).toMatch(/missing or wrong token/);
    }
  });

  it('refuses a page from another origin even with the token', async () => {
    const ws = new WebSocket(wsUrl(`?token=${host.token}`), { origin: 'http://evil.example' });
    const closed = await closeOf(ws);
    expect(closed).toEqual({ code: 1008, reason: 'LayerLab: connections from http://evil.example are not allowed' });
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/other?token=${host.token}`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(404);
  });

  it('pushes training events to every connected client', async () => {
    const a = await connect();
    const b = await connect();
    const event: TrainEvent = { type: 'log', level: 'info', message: 'hello', runId: 'run-1', time: 123 };
    deps.training.emit(event);
    const expected: WireEvent = { kind: 'event', event: 'train', payload: event };
    expect(await a.next((m) => m.kind === 'event')).toEqual(expected);
    expect(await b.next((m) => m.kind === 'event')).toEqual(expected);
    host.broadcast('menu', { type: 'new' });
    expect(await a.next((m) => m.kind === 'event' && m.event === 'menu')).toEqual({ kind: 'event', event: 'menu', payload: { type: 'new' } });
    a.ws.close();
    b.ws.close();
  });

  it("rejects openGraphFile and saveGraphFile as 'unsupported' (the browser uses upload/download)", async () => {
    const client = await connect();
    const open = await request(client, 'openGraphFile');
    expect(open).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    if (!open.ok) expect(open.error.message).toMatch(/upload/);
    const save = await request(client, 'saveGraphFile', { path: null, suggestedName: 'a.layerlab.json', content: '{}' });
    expect(save).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    client.ws.close();
  });

  it('answers unknown methods and malformed messages with clear errors and keeps the connection', async () => {
    const client = await connect();
    const unknown = await request(client, 'formatDisk', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!unknown.ok) expect(unknown.error.message).toMatch(/^Unknown api method 'formatDisk'; known methods: getInfo/);

    client.ws.send('this is not json');
    const notJson = await client.next((m) => m.kind === 'response' && m.id === -1);
    expect(notJson.ok).toBe(false);
    expect(notJson.error).toMatchObject({ code: 'invalid' });
    expect(notJson.error.message).toMatch(/^Message is not JSON/);

    client.ws.send(JSON.stringify({ kind: 'request', id: 'x', method: 'getInfo' }));
    const noId = await client.next((m) => m.kind === 'response' && m.id === -1 && m.error.message.startsWith('Message is not a request'));
    expect(noId.error.code).toBe('invalid');

    const bad = await request(client, 'getRun', { runId: '../../etc/passwd' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((await request(client, 'getInfo')).ok).toBe(true);
    client.ws.close();
  });
});

describe('web host: HTTP', () => {
  it('serves the build with a strict CSP and no referrer', async () => {
    const res = await get('/?token=abc');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>LayerLab</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const asset = await get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('refuses paths outside the build, hidden files, symlinks out and other methods', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/link.txt', '/..%5csecret.txt', '/nope.js', '/.env']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('SECRET');
    }
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const res = await get('/', { host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a WebSocket upgrade addressed to another host name with 421, even with the token', async () => {
    /** The HTTP status the server answers an upgrade with, or 101 when the socket opens. */
    const upgrade = (url: string, headers: Record<string, string> = {}): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url, { headers });
        ws.once('open', () => { ws.close(); resolve(101); });
        ws.once('unexpected-response', (_req, res) => { res.resume(); resolve(res.statusCode ?? 0); });
        ws.once('error', reject);
      });
    const withToken = wsUrl(`?token=${host.token}`);
    expect(await upgrade(withToken, { host: `evil.example:${host.port}` })).toBe(421);
    expect(await upgrade(withToken, { host: `127.0.0.1:${host.port + 1}` })).toBe(421);
    // The same request with this server's own names opens.
    expect(await upgrade(withToken, { host: `localhost:${host.port}` })).toBe(101);
    expect(await upgrade(withToken)).toBe(101);
  });

  it('listens on 127.0.0.1 only', async () => {
    const externalIps = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
      .map((a) => a.address);
    const tryConnect = (address: string): Promise<string> =>
      new Promise((resolve) => {
        const s = net.connect({ host: address, port: host.port });
        s.once('connect', () => { s.destroy(); resolve('connected'); });
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
    expect(await tryConnect('127.0.0.1')).toBe('connected');
    expect(await tryConnect('::1')).not.toBe('connected');
    if (externalIps.length === 0) console.warn('[web host test] no non-loopback interface here; checked ::1 only');
    for (const ip of externalIps) expect(await tryConnect(ip), ip).not.toBe('connected');
  });

  it('explains how to build the renderer when the build is missing', async () => {
    const bare = await startWebHost({ deps: fakeDeps(), port: 0, rendererDir: path.join(os.tmpdir(), 'layerlab-no-such-build') });
    try {
      expect(bare.rendererBuilt).toBe(false);
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(`http://127.0.0.1:${bare.port}/`, (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        }).on('error', reject);
      });
      expect(res.status).toBe(503);
      expect(res.body).toMatch(/npm run build:web/);
    } finally {
      await bare.close();
    }
  });
});
