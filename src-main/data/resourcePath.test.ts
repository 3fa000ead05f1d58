// Bundled sample paths ('resources/...') resolve to the app's resources folder whatever the working directory,
// so the tiny GPT template's dataset loads when the app is started from elsewhere.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getTemplate } from '../../shared/templates';
import { SAMPLE_TEXT_PATH } from '../../shared/templates/transformers';
import { loadDataset } from '.';
import { resolveResourcePath } from './resourcePath';

const repoRoot = path.resolve(__dirname, '../..');
const startCwd = process.cwd();
let tmp = '';

afterEach(async () => {
  process.chdir(startCwd);
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = '';
});

describe('resources/ paths', () => {
  it('resolve to the repo resources folder from another working directory', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerlab-cwd-'));
    process.chdir(tmp);
    expect(resolveResourcePath(SAMPLE_TEXT_PATH)).toBe(path.join(repoRoot, SAMPLE_TEXT_PATH));
    expect(resolveResourcePath('resources\\samples\\shakespeare-sonnets.txt')).toBe(path.join(repoRoot, SAMPLE_TEXT_PATH));
  });

  it('leave other paths alone: absolute, cwd-relative, and bundled names that do not exist', () => {
    expect(resolveResourcePath('/data/x.txt')).toBe('/data/x.txt');
    expect(resolveResourcePath('notes/x.txt')).toBe('notes/x.txt');
    expect(resolveResourcePath('resources/samples/missing.txt')).toBe('resources/samples/missing.txt');
  });

  it("a 'resources/' name that climbs out with '..' names no bundled file (a graph could otherwise reach any file)", () => {
    const climb = `resources/${'../'.repeat(12)}etc/hostname`;
    expect(resolveResourcePath(climb)).toBe(climb);
  });

  it("the tiny GPT template's dataset loads with a cwd that is not the repo root", async () => {
    const template = getTemplate('char-gpt')!;
    expect(template.graph.dataset.options?.path).toBe(SAMPLE_TEXT_PATH);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerlab-cwd-'));
    process.chdir(tmp);
    const dataset = await loadDataset({ ...template.graph.dataset, limit: 50, validationSplit: 0.2 }, { cacheDir: tmp });
    expect(dataset.train.size + (dataset.validation?.size ?? 0)).toBe(50);
    expect(dataset.train.features.x.shape[0]).toBe(dataset.train.size);
  });
});
