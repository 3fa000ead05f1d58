// `layerlab datasets` against a loopback server holding small files in the real formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { DownloadableDataset } from '../../shared/data/downloads';
import { tempDir } from '../data/testFiles';
import { smallDownloadables, startFileServer, type TestFileServer } from '../data/testServer';
import { runDatasets } from './datasets';
import { CliError } from './args';

let server: TestFileServer;
let sets: Record<string, DownloadableDataset>;
let dir = '';

function output(isTTY: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  return { out, text: () => text };
}

beforeAll(async () => {
  const small = await smallDownloadables();
  server = await startFileServer(small.files);
  sets = small.sets(server.base);
  dir = await tempDir('cli-ds');
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('layerlab datasets', () => {
  it('lists, downloads with a line per tenth when not on a terminal, then lists it verified', async () => {
    const cacheDir = join(dir, 'a');
    const io = { cacheDir, sets: (id: string) => sets[id] };
    const before = output(false);
    expect(await runDatasets([], { ...io, out: before.out })).toBe(0);
    expect(before.text()).toMatch(/cifar10\s+download\s+not downloaded/);
    expect(before.text()).toMatch(/csv\s+user\s+needs a path/);

    const dl = output(false);
    expect(await runDatasets(['download', 'cifar10'], { ...io, out: dl.out })).toBe(0);
    const lines = dl.text().trim().split('\n');
    expect(lines.at(-1)).toContain(`checksums verified`);
    expect(lines.at(-2)).toMatch(/^\[#{30}\] .* \(100%/);
    expect(dl.text()).not.toContain('\r');

    const after = output(false);
    await runDatasets(['--json'], { ...io, out: after.out });
    expect(JSON.parse(after.text()).find((s: { id: string }) => s.id === 'cifar10')).toMatchObject({ present: true, verified: true });
  });

  it('redraws one line on a terminal', async () => {
    const tty = output(true);
    expect(await runDatasets(['download', 'fashion-mnist'], { cacheDir: join(dir, 'b'), sets: (id) => sets[id], out: tty.out })).toBe(0);
    expect(tty.text()).toContain('\r[');
    expect(tty.text().split('\n')).toHaveLength(3); // the bar line, the result, the final newline
  });

  it('a failed download exits 1 with the reason; an unknown id is a usage error', async () => {
    const gone = (id: string) => (sets[id] ? { ...sets[id], mirrors: [`${server.base}gone/`] } : undefined);
    const err = await runDatasets(['download', 'cifar10'], { cacheDir: join(dir, 'c'), sets: gone, out: output(false).out }).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('HTTP 404');
    const bad = await runDatasets(['download', 'imagenet'], { cacheDir: join(dir, 'c'), out: output(false).out }).catch((e) => e);
    expect(bad).toMatchObject({ exitCode: 2 });
  });
});
