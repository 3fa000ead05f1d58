import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { MNIST_FILES, downloadIdxSet, readIdxPair } from './idxDatasets';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { DEBIAN_FASHION_MNIST_DIR } from '../../shared/data/catalog';
import { encodeIdxUbyte, parseIdx } from './idx';
import { describeDataset, loadDataset, DatasetError } from './index';
import { testConfig } from './testConfig';
import { tempDir, writeIdxSet } from './testFiles';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });

beforeAll(async () => {
  dir = await tempDir('idx');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('IDX parser', () => {
  it('reads header, dims and values of every element type', () => {
    const u8 = parseIdx(encodeIdxUbyte([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 255])), 'f');
    expect(u8).toMatchObject({ type: 'ubyte', dims: [2, 3] });
    expect(Array.from(u8.data)).toEqual([1, 2, 3, 4, 5, 255]);
    // A big-endian float file: 00 00 0D 01, dim 2, values 1.5 and -2.
    const f = new Uint8Array(8 + 8);
    f.set([0, 0, 0x0d, 1, 0, 0, 0, 2]);
    new DataView(f.buffer).setFloat32(8, 1.5, false);
    new DataView(f.buffer).setFloat32(12, -2, false);
    expect(Array.from(parseIdx(f, 'f').data)).toEqual([1.5, -2]);
  });

  it('rejects a wrong magic number, a truncated body and trailing bytes, naming the file', () => {
    expect(() => parseIdx(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'x.zip')).toThrow(/x\.zip: wrong magic number 50 4b 03 04/);
    const good = encodeIdxUbyte([4, 2], new Uint8Array(8));
    expect(() => parseIdx(good.subarray(0, good.length - 3), 'cut')).toThrow(/cut: truncated: dimensions 4x2 need 20 bytes, the file has 17/);
    expect(() => parseIdx(good.subarray(0, 6), 'hdr')).toThrow(/hdr: truncated in the header/);
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(() => parseIdx(longer, 'long')).toThrow(/1 bytes more/);
  });
});

describe('IDX datasets from a folder', () => {
  it('loads plain and gzip folders identically, images still paired with their labels', async () => {
    await writeIdxSet(join(dir, 'plain'), 50, 20, false);
    await writeIdxSet(join(dir, 'gz'), 50, 20, true, 'kmnist-');
    const cfg = (path: string) => testConfig('kmnist', { options: { path }, normalization: 'none', labels: 'int', representation: 'matrix', validationSplit: 0.2, seed: 3 });
    const a = await loadDataset(cfg(join(dir, 'plain')), ctx());
    const b = await loadDataset(cfg(join(dir, 'gz')), ctx());
    expect(a.train.size).toBe(40);
    expect(a.validation?.size).toBe(10);
    expect(a.test?.size).toBe(20);
    expect(a.train.features.x.shape).toEqual([40, 28, 28]);
    expect(Array.from(b.train.features.x.data)).toEqual(Array.from(a.train.features.x.data));
    // The writer put label*20 in pixel 0 of each image.
    for (const split of [a.train, a.validation!, a.test!]) {
      for (let i = 0; i < split.size; i++) {
        expect(split.features.x.data[i * 784]).toBe(split.classes![i] * 20);
        expect(split.targets.y.data[i]).toBe(split.classes![i]);
      }
    }
    const shapes = await describeDataset(cfg(join(dir, 'gz')));
    expect(shapes).toMatchObject({ features: { x: [28, 28] }, trainSize: 40, testSize: 20, numClasses: 10 });
  });

  it('reports truncated, damaged and mismatched files and empty folders with the file name', async () => {
    const bad = join(dir, 'bad');
    await writeIdxSet(bad, 10, 5, true);
    const imgs = join(bad, 'train-images-idx3-ubyte.gz');
    const good = await readFile(imgs);
    const load = () => loadDataset(testConfig('fashion-mnist', { options: { path: bad } }), ctx());

    await writeFile(imgs, good.subarray(0, good.length - 40));
    await expect(load()).rejects.toThrow(new RegExp(`${imgs}: gzip data is damaged or truncated`));

    await writeFile(imgs, gzipSync(encodeIdxUbyte([10, 28, 28], new Uint8Array(784 * 10)).subarray(0, 5000)));
    await expect(load()).rejects.toThrow(/train-images-idx3-ubyte\.gz: truncated: dimensions 10x28x28 need 7856 bytes, the file has 5000/);

    const wrongMagic = encodeIdxUbyte([10, 28, 28], new Uint8Array(7840));
    wrongMagic[2] = 0x07;
    await writeFile(imgs, gzipSync(wrongMagic));
    await expect(load()).rejects.toThrow(/wrong magic number 00 00 07 03/);

    await writeFile(imgs, gzipSync(encodeIdxUbyte([9, 28, 28], new Uint8Array(784 * 9))));
    await expect(load()).rejects.toThrow(/train-labels-idx1-ubyte\.gz: 10 labels for 9 images/);

    const empty = join(dir, 'empty');
    await mkdir(empty);
    const err = await loadDataset(testConfig('fashion-mnist', { options: { path: empty } }), ctx()).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(`${empty}: missing train-images-idx3-ubyte[.gz]`);
    expect(err.message).toContain('an empty folder');
    await expect(loadDataset(testConfig('kmnist'), ctx())).rejects.toThrow(/no folder given/);
  });

  it('full MNIST downloads from the mirror into the cache and rejects files whose checksum is not the official one', async () => {
    const served: string[] = [];
    const server = http.createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'Content-Length': 3 }).end('abc');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const before = process.env.LAYERLAB_MNIST_MIRROR;
    process.env.LAYERLAB_MNIST_MIRROR = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m`;
    const stages: string[] = [];
    try {
      const err = await loadDataset(testConfig('mnist'), { ...ctx(), onProgress: (p) => stages.push(p.stage) }).catch((e) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect(err.message).toMatch(/\/m\/train-images-idx3-ubyte\.gz: checksum mismatch: expected SHA-256 440fcabf/);
      expect(served).toEqual(['/m/train-images-idx3-ubyte.gz']);
      expect(stages).toContain('download');
      expect(existsSync(join(dir, 'cache', 'mnist', 'train-images-idx3-ubyte.gz'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.LAYERLAB_MNIST_MIRROR;
      else process.env.LAYERLAB_MNIST_MIRROR = before;
      await new Promise((r) => server.close(r));
    }
  });
});

describe('IDX set download', () => {
  it('fetches the four files from a mirror with whole-set progress, then reuses the verified cache', async () => {
    const src = join(dir, 'mirror-src');
    await writeIdxSet(src, 12, 4, true);
    const served: string[] = [];
    const server = http.createServer(async (req, res) => {
      served.push(req.url ?? '');
      try {
        const body = await readFile(join(src, (req.url ?? '').replace('/m/', '')));
        res.writeHead(200, { 'Content-Length': body.length }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m/`;
    const files = Object.fromEntries(Object.entries(MNIST_FILES).map(([part, { name }]) => {
      const sha256 = createHash('sha256').update(readFileSync(join(src, name))).digest('hex');
      return [part, { name, sha256 }];
    })) as typeof MNIST_FILES;
    const fractions: number[] = [];
    try {
      const cache = join(dir, 'dl-cache');
      const paths = await downloadIdxSet(cache, files, ['http://127.0.0.1:1/unreachable/', mirror], { cacheDir: cache, onProgress: (p) => fractions.push(p.fraction) });
      expect(served).toHaveLength(4);
      expect(fractions.at(-1)).toBe(1);
      for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
      const pair = await readIdxPair(paths.trainImages, paths.trainLabels);
      expect(pair.count).toBe(12);
      await downloadIdxSet(cache, files, [mirror], { cacheDir: cache });
      expect(served).toHaveLength(4);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

const hasFashion = existsSync(join(DEBIAN_FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'));
if (!hasFashion) console.warn(`Skipping real Fashion-MNIST tests: ${DEBIAN_FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist).`);

describe('real Fashion-MNIST (Debian dataset-fashion-mnist)', () => {
  it.skipIf(!hasFashion)('describes from headers: 60,000 train and 10,000 test images of 28x28', async () => {
    const shapes = await describeDataset(testConfig('fashion-mnist', { representation: 'image', validationSplit: 0.1 }));
    expect(shapes).toMatchObject({ features: { x: [28, 28, 1] }, targets: { y: [10] }, trainSize: 54000, testSize: 10000 });
  });

  it.skipIf(!hasFashion)('loads all 70,000 images with the official balance (6,000 / 1,000 per class)', async () => {
    const data = await loadDataset(testConfig('fashion-mnist', { labels: 'int' }), ctx());
    expect(data.train.size).toBe(60000);
    expect(data.test?.size).toBe(10000);
    const count = (classes: Int32Array) => classes.reduce((acc, c) => ((acc[c] += 1), acc), new Array(10).fill(0));
    expect(count(data.train.classes!)).toEqual(new Array(10).fill(6000));
    expect(count(data.test!.classes!)).toEqual(new Array(10).fill(1000));
    expect(data.classNames?.[9]).toBe('Ankle boot');
    let max = 0;
    for (let i = 0; i < 784 * 100; i++) max = Math.max(max, data.train.features.x.data[i]);
    expect(max).toBe(1);
  });
});
