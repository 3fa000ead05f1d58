// The web host with the real services: a forked tsx worker really trains a tiny MLP on real MNIST digits,
// and the CLI entry prints what the e2e setup and users rely on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TrainEvent, WireResponse } from '../../shared/api';
import { mlpGraph } from '../training/testing/fixtures';
import { parseServeArgs, startWebHost } from './serve';

const root = path.resolve(__dirname, '../..');
const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-serve-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('parseServeArgs', () => {
  it('reads --port, --port=, LAYERLAB_PORT and the default', () => {
    expect(parseServeArgs(['--port', '0'], {})).toEqual({ port: 0 });
    expect(parseServeArgs(['--port=6001'], {})).toEqual({ port: 6001 });
    expect(parseServeArgs([], { LAYERLAB_PORT: '7000' })).toEqual({ port: 7000 });
    expect(parseServeArgs([], {})).toEqual({ port: 5185 });
    expect(() => parseServeArgs(['--port', 'abc'], {})).toThrow("--port: 'abc' is not a port number");
    expect(() => parseServeArgs(['--port', '70000'], {})).toThrow(/not a port number/);
    expect(() => parseServeArgs([], { LAYERLAB_PORT: '-1' })).toThrow(/LAYERLAB_PORT: '-1'/);
    expect(() => parseServeArgs(['--bogus'], {})).toThrow(/Unknown argument '--bogus'/);
  });
});

describe('web host with the real services', () => {
  it('trains a tiny MLP in a forked worker and pushes its events over the WebSocket', async () => {
    const dataDir = tempDir();
    const host = await startWebHost({ port: 0, dataDir, rendererDir: tempDir() });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    const events: TrainEvent[] = [];
    const pending = new Map<number, (r: WireResponse) => void>();
    let finished!: (e: TrainEvent) => void;
    const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.kind === 'response') pending.get(msg.id)?.(msg);
      if (msg.kind === 'event' && msg.event === 'train') {
        events.push(msg.payload);
        if (msg.payload.type === 'done' || msg.payload.type === 'failed') finished(msg.payload);
      }
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let id = 0;
    const call = (method: string, payload?: unknown): Promise<WireResponse> =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ kind: 'request', id, method, payload }));
      });
    try {
      const info = await call('getInfo');
      expect(info).toMatchObject({ ok: true, result: { host: 'web', dataDir, memoryBytes: os.totalmem() } });
      const datasets = await call('listDatasets');
      expect(datasets.ok && (datasets.result as { id: string }[]).map((d) => d.id)).toContain('mnist-bundled');

      const started = await call('startTraining', { graph: mlpGraph({ hidden: 8, epochs: 2, limit: 200, batchSize: 32 }) });
      expect(started.ok, JSON.stringify(started)).toBe(true);
      const runId = (started as { result: { runId: string } }).result.runId;

      const last = await done;
      expect(last, JSON.stringify(events.slice(-3))).toMatchObject({ type: 'done', status: 'completed', runId });
      const epochs = events.filter((e) => e.type === 'epoch');
      expect(epochs.length).toBe(2);
      expect(events.some((e) => e.type === 'batch')).toBe(true);

      const run = await call('getRun', { runId });
      expect(run).toMatchObject({ ok: true, result: { id: runId, status: 'completed' } });
      expect((run as { result: { epochsHistory: unknown[] } }).result.epochsHistory).toHaveLength(2);
    } finally {
      ws.close();
      await host.close();
    }
  });

  it('`tsx src-main/web/serve.ts --port 0` prints the URL with its token and the backend, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/web/serve.ts'), '--port', '0'], {
      cwd: root,
      env: { ...process.env, LAYERLAB_HOME: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!/Backend: /.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/LayerLab is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n/);
    expect(out).toMatch(/Backend: (tensorflow|wasm|cpu)\. \S+/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
