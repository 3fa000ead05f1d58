import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetShapes } from '../../shared/data/catalog';
import { describeDataset, listDatasets, loadDataset } from './index';
import { testConfig } from './testConfig';
import { readAllDigits } from './mnistBundled';

const ctx = { cacheDir: '/tmp/layerlab-test-cache' };

describe('mnist-bundled', () => {
  it('is listed and its shapes follow the representation and label encoding', async () => {
    expect(listDatasets().map((d) => d.id)).toContain('mnist-bundled');
    const vec = datasetShapes(testConfig('mnist-bundled'));
    expect(vec).toMatchObject({ features: { x: [784] }, targets: { y: [10] }, numClasses: 10, trainSize: 8000, testSize: 2000 });
    expect(datasetShapes(testConfig('mnist-bundled', { representation: 'matrix' })).features.x).toEqual([28, 28]);
    expect(datasetShapes(testConfig('mnist-bundled', { representation: 'image' })).features.x).toEqual([28, 28, 1]);
    const withVal = await describeDataset(testConfig('mnist-bundled', { validationSplit: 0.1, limit: 1000 }));
    expect(withVal.trainSize).toBe(900);
  });

  it('loads 8,000/2,000 real digits, one-hot, scaled to 0..1, with every class present', async () => {
    const data = await loadDataset(testConfig('mnist-bundled'), ctx);
    expect(data.train.size).toBe(8000);
    expect(data.test?.size).toBe(2000);
    expect(data.validation).toBeNull();
    const x = data.train.features.x;
    expect(x.shape).toEqual([8000, 784]);
    let min = Infinity, max = -Infinity, sum = 0;
    for (const v of x.data) { min = Math.min(min, v); max = Math.max(max, v); sum += v; }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // Real MNIST has mean pixel ~0.13 (a digit covers roughly a fifth of the image).
    expect(sum / x.data.length).toBeGreaterThan(0.1);
    expect(sum / x.data.length).toBeLessThan(0.16);
    const y = data.train.targets.y;
    expect(y.shape).toEqual([8000, 10]);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 8000; i++) {
      let row = 0;
      for (let c = 0; c < 10; c++) row += y.data[i * 10 + c];
      expect(row).toBe(1);
      counts[data.train.classes![i]]++;
      expect(y.data[i * 10 + data.train.classes![i]]).toBe(1);
    }
    for (const c of counts) expect(c).toBeGreaterThan(600);
  });

  it('int labels are [N,1] class ids (float32, as tfjs sparse cross-entropy needs); standardize uses training statistics; limit and validation split are seeded', async () => {
    const cfg = testConfig('mnist-bundled', { labels: 'int', normalization: 'standardize', representation: 'image', limit: 1000, validationSplit: 0.2, seed: 7 });
    const a = await loadDataset(cfg, ctx);
    expect(a.train.size).toBe(800);
    expect(a.validation?.size).toBe(200);
    expect(a.train.features.x.shape).toEqual([800, 28, 28, 1]);
    expect(a.train.targets.y).toMatchObject({ dtype: 'float32', shape: [800, 1] });
    let sum = 0, sq = 0;
    for (const v of a.train.features.x.data) { sum += v; sq += v * v; }
    const n = a.train.features.x.data.length;
    expect(Math.abs(sum / n)).toBeLessThan(1e-4);
    expect(Math.abs(Math.sqrt(sq / n - (sum / n) ** 2) - 1)).toBeLessThan(1e-3);
    // Test data uses the same (training) statistics, so its mean is near but not exactly 0.
    let tsum = 0;
    for (const v of a.test!.features.x.data) tsum += v;
    expect(Math.abs(tsum / a.test!.features.x.data.length)).toBeGreaterThan(1e-4);
    const b = await loadDataset(cfg, ctx);
    expect(Array.from(b.train.classes!.slice(0, 50))).toEqual(Array.from(a.train.classes!.slice(0, 50)));
    const c = await loadDataset({ ...cfg, seed: 8 }, ctx);
    expect(Array.from(c.train.classes!.slice(0, 50))).not.toEqual(Array.from(a.train.classes!.slice(0, 50)));
    // The test split never depends on the seed.
    expect(Array.from(c.test!.classes!)).toEqual(Array.from(a.test!.classes!));
  });

  it('keeps the decoded digits in the cache folder: the next read takes them from there; a cut-short file is read again from the package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlab-mnist-cache-'));
    try {
      const parsed = await readAllDigits(dir);
      expect(parsed.count).toBe(10_000);
      const [name] = readdirSync(dir);
      const { version } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('mnist/package.json'), 'utf8')) as { version: string };
      expect(name).toBe(`mnist-bundled-${version}-1.bin`);
      const file = join(dir, name);
      expect(statSync(file).size).toBe(10_000 * 785);
      // A changed label in the cache shows in the next read: the digits come from the file, not the JSON.
      const bytes = readFileSync(file);
      bytes[10_000 * 784] = (bytes[10_000 * 784] + 1) % 10;
      writeFileSync(file, bytes);
      const fromCache = await readAllDigits(dir);
      expect(Buffer.compare(Buffer.from(fromCache.pixels), Buffer.from(parsed.pixels))).toBe(0);
      expect(fromCache.labels[0]).toBe((parsed.labels[0] + 1) % 10);
      expect(Buffer.compare(Buffer.from(fromCache.labels.subarray(1)), Buffer.from(parsed.labels.subarray(1)))).toBe(0);
      // A label no digit has (a damaged file of the right size): not used, and written again from the package.
      bytes[10_000 * 784 + 5] = 200;
      writeFileSync(file, bytes);
      const repaired = await readAllDigits(dir);
      expect(Buffer.compare(Buffer.from(repaired.labels), Buffer.from(parsed.labels))).toBe(0);
      expect(readFileSync(file)[10_000 * 784 + 5]).toBe(parsed.labels[5]);
      // Cut short (a crash while writing, a full disk): not used, and written whole again.
      writeFileSync(file, bytes.subarray(0, 1000));
      const again = await readAllDigits(dir);
      expect(Buffer.compare(Buffer.from(again.labels), Buffer.from(parsed.labels))).toBe(0);
      expect(statSync(file).size).toBe(10_000 * 785);
      expect(readdirSync(dir)).toEqual([name]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

