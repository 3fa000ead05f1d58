// Every catalogue entry, every representation and label encoding: the shapes the catalogue promises
// (pure datasetShapes, or describeDataset for file-based sets) are the shapes the loader delivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import { DATASETS, datasetShapes } from '../../shared/data/catalog';
import { describeDataset, listDatasets, loadDataset, previewDataset } from './index';
import { testConfig } from './testConfig';
import { encodeImage, tempDir, writeIdxSet, writeTarFile } from './testFiles';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });

/** Small options per dataset so each load takes milliseconds. */
const options: Record<string, () => Record<string, string | number>> = {
  mnist: () => ({ path: join(dir, 'idx') }),
  'fashion-mnist': () => ({ path: join(dir, 'idx') }),
  kmnist: () => ({ path: join(dir, 'idx') }),
  cifar10: () => ({ path: join(dir, 'cifar.tar') }),
  'seq-copy': () => ({ length: 5, vocab: 7, samples: 20 }),
  'seq-reverse': () => ({ length: 5, vocab: 7, samples: 20 }),
  'seq-recall-marked': () => ({ length: 6, vocab: 4, markWithin: 2, samples: 20 }),
  addition: () => ({ digits: 2, samples: 20 }),
  'date-translation': () => ({ samples: 20 }),
  'time-series': () => ({ window: 10, horizon: 3, length: 200 }),
  'char-text': () => ({ path: join(dir, 'text.txt'), context: 12 }),
  'fewshot-mnist': () => ({ ways: 4, shots: 1, episodes: 20 }),
  'fewshot-prototypes': () => ({ ways: 3, shots: 2, episodes: 20, classes: 6, dims: 4 }),
  'mnist-digit-names': () => ({ length: 7 }),
  csv: () => ({ path: join(dir, 'table.csv') }),
  'image-folder': () => ({ path: join(dir, 'images') }),
};

beforeAll(async () => {
  dir = await tempDir('catalog');
  await writeIdxSet(join(dir, 'idx'), 30, 10, true);
  const record = (label: number) => Uint8Array.from({ length: 3073 }, (_, i) => (i === 0 ? label : (i * 7 + label) % 256));
  const batch = (n: number) => {
    const out = new Uint8Array(n * 3073);
    for (let r = 0; r < n; r++) out.set(record(r % 10), r * 3073);
    return out;
  };
  const names = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
  await writeTarFile(join(dir, 'cifar.tar'), names.map((name) => ({ name: `cifar-10-batches-bin/${name}`, data: batch(3) })));
  await writeFile(join(dir, 'text.txt'), 'To be, or not to be, that is the question.\n'.repeat(30));
  const rows = ['x1,kind,x2,label'];
  for (let i = 0; i < 30; i++) rows.push(`${i},${['a', 'b'][i % 2]},${i * 2},${['p', 'q', 'r'][i % 3]}`);
  await writeFile(join(dir, 'table.csv'), rows.join('\n'));
  for (const cls of ['one', 'two', 'three']) {
    await mkdir(join(dir, 'images', cls), { recursive: true });
    for (let i = 0; i < 5; i++) {
      await writeFile(join(dir, 'images', cls, `${i}.png`), await encodeImage({ width: 4, height: 3, channels: 3, pixels: new Uint8Array(36).fill(i * 9) }, 'png'));
    }
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('catalogue', () => {
  it('every catalogue entry has a loader and test options here', () => {
    expect(listDatasets().map((d) => d.id)).toEqual(DATASETS.map((d) => d.id));
    expect(Object.keys(options).sort()).toEqual(DATASETS.map((d) => d.id).filter((id) => id !== 'mnist-bundled').sort());
  });

  it('rejects an unknown id with the list of known ones', async () => {
    expect(() => datasetShapes(testConfig('nope'))).toThrow(/Unknown dataset 'nope'. Known: mnist-bundled/);
    await expect(loadDataset(testConfig('nope'), ctx())).rejects.toThrow(/unknown dataset 'nope'/);
    expect(() => datasetShapes(testConfig('time-series', { representation: 'image' }))).toThrow(/no 'image' representation; choose 'sequence'/);
    await expect(loadDataset(testConfig('csv', { representation: 'image' }), ctx())).rejects.toThrow(/CSV table has no 'image' representation/);
  });

  for (const d of DATASETS.filter((x) => x.id !== 'mnist-bundled')) {
    it(`${d.id}: loaded tensors have the promised shapes for every representation and encoding`, async () => {
      for (const representation of d.representations) {
        for (const labels of d.labelEncodings) {
          const config: DatasetConfig = testConfig(d.id, {
            representation, labels, options: options[d.id](), validationSplit: 0.2, normalization: d.normalizations.at(-1)!,
          });
          const promised = await describeDataset(config);
          const pure = datasetShapes(config);
          // The pure shapes agree with the file-based ones wherever they are known (non-null).
          for (const [name, shape] of Object.entries(pure.features)) {
            expect(shape.length).toBe(promised.features[name].length);
            shape.forEach((dim, i) => dim !== null && expect(dim).toBe(promised.features[name][i]));
          }
          const data = await loadDataset(config, ctx());
          const where = `${d.id} ${representation} ${labels}`;
          expect(data.shapes.features, where).toEqual(promised.features);
          expect(data.shapes.targets, where).toEqual(promised.targets);
          expect(data.train.size, where).toBe(promised.trainSize);
          expect(data.test?.size ?? 0, where).toBe(promised.testSize ?? 0);
          for (const split of [data.train, data.validation, data.test]) {
            if (!split) continue;
            for (const [name, shape] of Object.entries(promised.features)) {
              expect(split.features[name].shape, where).toEqual([split.size, ...shape]);
              expect(split.features[name].data.length).toBe(split.size * (shape as number[]).reduce((a, b) => a * b, 1));
            }
            const y = promised.targets.y as number[];
            const isClasses = d.task !== 'regression' && promised.numClasses !== undefined;
            const want = isClasses && labels === 'int' ? [...y.slice(0, -1), 1] : y;
            expect(split.targets.y.shape, where).toEqual([split.size, ...want]);
            expect(split.targets.y.dtype).toBe('float32');
          }
        }
      }
    });
  }
});

describe('previewDataset', () => {
  it('returns plain JSON with sizes, class balance matching the labels and a few samples', async () => {
    const p = await previewDataset(testConfig('mnist-bundled', { representation: 'image', limit: 500, validationSplit: 0.2 }), 6, ctx());
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(p.sizes).toEqual({ train: 400, validation: 100, test: 2000 });
    expect(p.classBalance!.train.reduce((a, b) => a + b, 0)).toBe(400);
    expect(p.classBalance!.test.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(p.samples).toHaveLength(6);
    const s = p.samples[0];
    expect(s.features.x.shape).toEqual([28, 28, 1]);
    expect(s.features.x.values).toHaveLength(784);
    expect(s.targets.y.values[s.label!]).toBe(1);
    expect(s.labelName).toBe(String(s.label));
    expect(p.stats.x.min).toBe(0);
    expect(p.stats.x.max).toBe(1);
  });

  it('decodes token samples to text', async () => {
    const p = await previewDataset(testConfig('addition', { representation: 'matrix', labels: 'onehot', options: { digits: 2, samples: 10 } }), 2, ctx());
    const s = p.samples[0];
    const m = /^(\d+)\+(\d+) *$/.exec(s.features.x.text!);
    expect(m).not.toBeNull();
    expect(Number(s.targets.y.text!.trim())).toBe(Number(m![1]) + Number(m![2]));
    expect(p.classBalance).toBeUndefined();
  });
});
