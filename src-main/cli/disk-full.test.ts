// `layerlab train` on a really full disk: a 100 KB tmpfs as the data folder (the run record fits, the weights do
// not), then the same file system with 0 bytes free. Both exit 1 with one line saying the disk is full; the run
// is recorded as failed, never "completed"; no temporary file is left. Mounting needs root: elsewhere the test
// is skipped with the reason (src-main/training/disk-full.test.ts covers the same with an injected full disk).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli';
import { mlpGraph } from '../training/testing/fixtures';
import { captureCliOutput } from './testing/capture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-diskfull-'));
const mountPoint = path.join(tmp, 'disk');
mkdirSync(mountPoint);

function tryMount(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=100k', 'tmpfs', mountPoint], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
}
const cannotMount = tryMount();
if (cannotMount) console.warn(`Skipping the real full-disk CLI test: ${cannotMount}.`);

afterAll(() => {
  if (!cannotMount) execFileSync('umount', [mountPoint]);
  rmSync(tmp, { recursive: true, force: true });
});
const { err } = captureCliOutput();

const filesUnder = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(dir, f)).isFile()).sort();

describe.skipIf(cannotMount !== null)('layerlab train on a full disk', () => {
  // 64 hidden units: 51k weights, about 200 KB in weights.bin.
  const graphFile = path.join(tmp, 'mlp.layerlab.json');
  writeFileSync(graphFile, JSON.stringify(mlpGraph({ hidden: 64, epochs: 1, limit: 100 })));

  it('100 KB free: the weights do not fit, so the run fails with exit 1 and one line; run.json says failed', async () => {
    process.env.LAYERLAB_HOME = mountPoint;
    expect(await main(['train', graphFile, '--quiet'])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^layerlab train: run (run-\S+) failed: Saving the trained weights failed: could not write \S+\/model\/weights\.bin: the disk is full \(ENOSPC\)\. Free some disk space/,
    );
    expect(err[0]).not.toContain('\n');
    const runId = /run (run-\S+) failed/.exec(err[0])![1];
    const record = JSON.parse(readFileSync(path.join(mountPoint, 'runs', runId, 'run.json'), 'utf8'));
    expect(record.status).toBe('failed');
    expect(filesUnder(mountPoint).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 180_000);

  it('0 bytes free: exit 1 with one line, no stack trace', async () => {
    process.env.LAYERLAB_HOME = mountPoint;
    const fill = path.join(mountPoint, 'fill');
    try {
      writeFileSync(fill, Buffer.alloc(200 * 1024));
    } catch {
      // Filled up to the last byte: what the test wants.
    }
    expect(await main(['train', graphFile, '--quiet'])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^layerlab train: Could not start the run: .*the disk is full \(ENOSPC\).*\. Free some disk space/);
    expect(err[0]).not.toMatch(/\n| {4}at /);
    expect(filesUnder(mountPoint).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    rmSync(fill);
  }, 60_000);
});
