import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRng } from '../../shared/data/random';
import { decodePng, encodePng } from './png';
import { describeDataset, loadDataset, DatasetError } from './index';
import { parseCsv } from './csv';
import { testConfig } from './testConfig';
import { tempDir } from './testFiles';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });
beforeAll(async () => {
  dir = await tempDir('user');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PNG decoder', () => {
  it('round-trips grayscale and RGB through every row filter', () => {
    const rng = makeRng(3);
    for (const channels of [1, 3] as const) {
      const pixels = Uint8Array.from({ length: 7 * 5 * channels }, () => Math.floor(rng() * 256));
      for (const filter of [0, 1, 2, 3, 4]) {
        const out = decodePng(encodePng({ width: 7, height: 5, channels, pixels }, filter), 'x.png');
        expect(out).toMatchObject({ width: 7, height: 5, channels });
        expect(Array.from(out.pixels)).toEqual(Array.from(pixels));
      }
    }
  });

  const realPng = 'node_modules/app-builder-lib/templates/icons/electron-linux/32x32.png';
  it.skipIf(!existsSync(realPng))('decodes a PNG written by another encoder (RGBA icon, alpha dropped)', () => {
    const img = decodePng(readFileSync(realPng), realPng);
    expect(img).toMatchObject({ width: 32, height: 32, channels: 3 });
    expect(new Set(img.pixels).size).toBeGreaterThan(10);
  });

  it('rejects a non-PNG, a truncated PNG, a corrupted chunk and 16-bit images, naming the file', () => {
    const png = encodePng({ width: 4, height: 4, channels: 1, pixels: new Uint8Array(16).fill(9) });
    expect(() => decodePng(new TextEncoder().encode('GIF89a................................'), 'a.png')).toThrow(/a\.png: not a PNG file/);
    expect(() => decodePng(png.subarray(0, png.length - 20), 'b.png')).toThrow(/b\.png: truncated PNG/);
    const corrupt = png.slice();
    corrupt[45] ^= 0xff;
    expect(() => decodePng(corrupt, 'c.png')).toThrow(/c\.png: damaged PNG: CRC of chunk IDAT is wrong/);
    const deep = png.slice();
    deep[24] = 16;
    expect(() => decodePng(deep, 'd.png')).toThrow(/d\.png: PNG bit depth 16 is not supported/);
  });
});

describe('image folder', () => {
  async function makeFolder(root: string, spec: Record<string, { n: number; channels: 1 | 3; size?: number }>): Promise<void> {
    for (const [cls, { n, channels, size = 6 }] of Object.entries(spec)) {
      await mkdir(join(root, cls), { recursive: true });
      for (let i = 0; i < n; i++) {
        // Every pixel of class k's images is 40*k + i, so labels can be checked from pixels.
        const value = 40 * Object.keys(spec).indexOf(cls) + i;
        const pixels = new Uint8Array(size * size * channels).fill(value);
        await writeFile(join(root, cls, `img${i}.png`), encodePng({ width: size, height: size, channels, pixels }, i % 5));
      }
      await writeFile(join(root, cls, 'notes.txt'), 'ignored');
    }
  }

  it('loads one class per sub-folder with a stratified 20% test split and describes it from headers', async () => {
    const root = join(dir, 'imgs');
    await makeFolder(root, { cat: { n: 10, channels: 3 }, dog: { n: 5, channels: 1 } });
    const cfg = testConfig('image-folder', { options: { path: root }, representation: 'image', normalization: 'none', labels: 'int' });
    const d = await loadDataset(cfg, ctx());
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(d.train.size).toBe(12);
    expect(d.test?.size).toBe(3);
    expect(Array.from(d.test!.classes!).sort()).toEqual([0, 0, 1]);
    expect(d.train.features.x.shape).toEqual([12, 6, 6, 3]);
    for (const split of [d.train, d.test!]) {
      for (let i = 0; i < split.size; i++) {
        const first = split.features.x.data[i * 108];
        expect(Math.floor(first / 40)).toBe(split.classes![i]);
        // A grayscale 'dog' image is widened to RGB with three equal channels.
        expect(split.features.x.data[i * 108 + 1]).toBe(first);
      }
    }
    expect(await describeDataset(cfg)).toMatchObject({ features: { x: [6, 6, 3] }, targets: { y: [2] }, numClasses: 2, trainSize: 12, testSize: 3 });
  });

  it('rejects an empty folder, a class without PNGs and images of different sizes', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const load = (path: string) => loadDataset(testConfig('image-folder', { options: { path } }), ctx());
    const err = await load(empty).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(new RegExp(`${empty}: has no class sub-folders`));
    await mkdir(join(dir, 'nopng', 'a'), { recursive: true });
    await mkdir(join(dir, 'nopng', 'b'), { recursive: true });
    await writeFile(join(dir, 'nopng', 'a', 'x.jpg'), 'jpeg');
    await expect(load(join(dir, 'nopng'))).rejects.toThrow(/nopng\/a: has no \.png files/);
    const mixed = join(dir, 'mixed');
    await makeFolder(mixed, { a: { n: 2, channels: 1 }, b: { n: 2, channels: 1, size: 8 } });
    await expect(load(mixed)).rejects.toThrow(/b\/img0\.png: is 8x8 but .*a\/img0\.png is 6x6; all images must have the same size/);
  });
});

describe('CSV', () => {
  it('parses quotes, embedded commas and newlines, CRLF and semicolons', () => {
    const rows = parseCsv('a,b\r\n"x, ""y""",2\n"multi\nline",3\n', 'f.csv');
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b'], ['x, "y"', '2'], ['multi\nline', '3']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(parseCsv('a;b\n1,5;2\n', 'g.csv')[1].cells).toEqual(['1,5', '2']);
  });

  it('numeric columns as they are, text columns one-hot, a text label is classification', async () => {
    const file = join(dir, 'flowers.csv');
    const rng = makeRng(9);
    const lines = ['length,colour,width,species'];
    for (let i = 0; i < 40; i++) {
      const s = i % 2 === 0 ? 'setosa' : 'virginica';
      lines.push(`${(i % 2 === 0 ? 1 : 5) + rng()},${['red', 'blue', 'green'][i % 3]},${i},${s}`);
    }
    await writeFile(file, lines.join('\n') + '\n');
    const cfg = testConfig('csv', { options: { path: file, label: 'species' }, normalization: 'none', labels: 'onehot' });
    const d = await loadDataset(cfg, ctx());
    expect(d.shapes).toMatchObject({ features: { x: [5] }, targets: { y: [2] }, numClasses: 2, trainSize: 32, testSize: 8 });
    expect(d.classNames).toEqual(['setosa', 'virginica']);
    expect(d.descriptor.task).toBe('classification');
    // Row with width w: columns length, colour=blue, colour=green, colour=red, width.
    for (let i = 0; i < d.train.size; i++) {
      const r = Array.from(d.train.features.x.data.subarray(i * 5, i * 5 + 5));
      const w = r[4];
      expect(r.slice(1, 4)).toEqual([['red', 'blue', 'green'][w % 3] === 'blue' ? 1 : 0, ['red', 'blue', 'green'][w % 3] === 'green' ? 1 : 0, ['red', 'blue', 'green'][w % 3] === 'red' ? 1 : 0]);
      expect(d.train.classes![i]).toBe(w % 2);
      expect(r[0] < 3).toBe(w % 2 === 0);
    }
    const picked = await describeDataset({ ...cfg, options: { path: file, label: 'species', features: 'width, length' } });
    expect(picked.features.x).toEqual([2]);
  });

  it('a numeric label is regression with float targets [N,1]; standardize uses training rows only', async () => {
    const file = join(dir, 'houses.csv');
    const lines = ['rooms,area,price'];
    for (let i = 0; i < 50; i++) lines.push(`${1 + (i % 5)},${100 + 3 * i},${1000 + 10 * i}`);
    await writeFile(file, lines.join('\n'));
    const d = await loadDataset(testConfig('csv', { options: { path: file }, normalization: 'standardize', validationSplit: 0.25 }), ctx());
    expect(d.descriptor.task).toBe('regression');
    expect(d.train.targets.y).toMatchObject({ dtype: 'float32', shape: [d.train.size, 1] });
    expect(d.shapes.targets.y).toEqual([1]);
    expect(d.train.size + d.validation!.size + d.test!.size).toBe(50);
    let mean = 0;
    for (let i = 0; i < d.train.size; i++) mean += d.train.features.x.data[i * 2 + 1] / d.train.size;
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    // price = 1000 + 10 i and area = 100 + 3 i, so the target is recoverable from the raw area.
    const y0 = d.train.targets.y.data[0];
    expect((y0 - 1000) % 10).toBe(0);
  });

  it('names row and column for a missing value, a non-numeric cell, a short row and an unknown column', async () => {
    const write = async (name: string, text: string) => {
      await writeFile(join(dir, name), text);
      return loadDataset(testConfig('csv', { options: { path: join(dir, name) } }), ctx());
    };
    await expect(write('missing.csv', 'a,b,y\n1,2,x\n3,,y\n5,6,x\n')).rejects.toThrow(/missing\.csv: row 3, column 'b': missing value/);
    await expect(write('text.csv', 'a,b,y\n1,2,x\n3,4,y\n5,abc,x\n7,8,y\n')).rejects.toThrow(/text\.csv: row 4, column 'b': 'abc' is not a number/);
    await expect(write('short.csv', 'a,b,y\n1,2,x\n3,4\n')).rejects.toThrow(/short\.csv: row 3 has 2 cells but the header has 3 columns/);
    await expect(write('empty.csv', '')).rejects.toThrow(/empty\.csv: is empty/);
    await writeFile(join(dir, 'ok.csv'), 'a,b,y\n1,2,x\n3,4,y\n');
    await expect(loadDataset(testConfig('csv', { options: { path: join(dir, 'ok.csv'), label: 'z' } }), ctx())).rejects.toThrow(/ok\.csv: has no column 'z' \(columns: a, b, y\)/);
    await expect(loadDataset(testConfig('csv', { options: { path: join(dir, 'gone.csv') } }), ctx())).rejects.toThrow(/gone\.csv: cannot read: no such file/);
  });
});
