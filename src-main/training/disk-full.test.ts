// A full disk while training: every record and weights file is written atomically (temp file, fsync, rename),
// a write that fails leaves no temporary file, and a run whose final record cannot be saved is reported as
// failed (never as completed) with the reason. The disk is "filled" through the run store's file-system calls;
// src-main/cli/disk-full.test.ts does the same on a real 100 KB file system.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type TrainEvent } from '../../shared/api';
import type { AtomicFs } from '../files/atomic-write';
import { TrainingService } from './service';
import { mlpGraph } from './testing/fixtures';
import { IdleWorker } from './testing/idle-worker';
import { until } from '../../shared/testing/until';

/** Real file-system calls that record what happens, and write only 3 bytes then fail with ENOSPC once `full`. */
function fillableFs() {
  const calls: string[] = [];
  const state = { full: false };
  const atomicFs: AtomicFs = {
    rename: (async (a: string, b: string) => { calls.push('rename'); return fsp.rename(a, b); }) as AtomicFs['rename'],
    unlink: fsp.unlink,
    stat: fsp.stat,
    open: (async (p: string, flags: string, mode?: number) => {
      const handle = await fsp.open(p, flags, mode);
      const { writeFile, sync } = handle;
      handle.writeFile = async (data: string | Uint8Array) => {
        calls.push('write');
        if (!state.full) return writeFile.call(handle, data);
        await writeFile.call(handle, String(data).slice(0, 3));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 });
      };
      handle.sync = async () => { calls.push('sync'); return sync.call(handle); };
      return handle;
    }) as AtomicFs['open'],
  };
  return { atomicFs, calls, state };
}

const dirs: string[] = [];
const services: TrainingService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-disk-'));
  dirs.push(d);
  return d;
}
/** Every file under `dir`, relative. */
const filesUnder = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

describe('run records on a full disk', () => {
  it('run.json is flushed to disk before it is renamed into place', async () => {
    const { atomicFs, calls } = fillableFs();
    const service = new TrainingService({ dataDir: tempDir(), spawnWorker: () => new IdleWorker(), atomicFs });
    services.push(service);
    await service.start(mlpGraph({ epochs: 1 }));
    expect(calls).toEqual(['write', 'sync', 'rename']);
  });

  it('a final save that fails fails the run: listeners get "failed" with the reason, never "done"; no temp file is left', async () => {
    const dataDir = tempDir();
    const { atomicFs, state } = fillableFs();
    const workers: IdleWorker[] = [];
    const service = new TrainingService({ dataDir, atomicFs, spawnWorker: () => { const w = new IdleWorker(); workers.push(w); return w; } });
    services.push(service);
    const events: TrainEvent[] = [];
    service.onEvent((e) => events.push(e));
    const { runId } = await service.start(mlpGraph({ epochs: 1 }));
    state.full = true;
    workers[0].emit({ type: 'done', status: 'completed', durationMs: 5, final: { loss: 0.5 } });
    const final = await until(() => events.find((e) => e.type === 'done' || e.type === 'failed'), 'the final event');
    const runFile = path.join(dataDir, 'runs', runId, 'run.json');
    expect(final).toMatchObject({
      type: 'failed',
      error: `The run could not be saved: could not write ${runFile}: the disk is full (ENOSPC).`,
      hint: 'Free some disk space (or choose another data folder with LAYERLAB_HOME) and train again.',
    });
    expect(events.some((e) => e.type === 'done')).toBe(false);
    expect((await service.getRun(runId)).status).toBe('failed');
    expect(filesUnder(path.join(dataDir, 'runs'))).toEqual([path.join(runId, 'run.json')]);
  });

  it('a start on a full disk is refused with one clear sentence, and leaves no temp file', async () => {
    const dataDir = tempDir();
    const { atomicFs, state } = fillableFs();
    state.full = true;
    const workers: IdleWorker[] = [];
    const service = new TrainingService({ dataDir, atomicFs, spawnWorker: () => { const w = new IdleWorker(); workers.push(w); return w; } });
    services.push(service);
    const err = await service.start(mlpGraph({ epochs: 1 })).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('internal');
    expect((err as ApiError).message).toMatch(/^Could not start the run: could not write \S+run\.json: the disk is full \(ENOSPC\)\. Free some disk space/);
    expect(workers).toHaveLength(0);
    expect(filesUnder(path.join(dataDir, 'runs'))).toEqual([]);
  });
});
