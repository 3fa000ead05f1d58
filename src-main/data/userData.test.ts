import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { makeRng } from '../../shared/data/random';
import sharp from 'sharp';
import { decodeImage, imageHeader } from './imageDecode';
import { describeDataset, loadDataset, DatasetError } from './index';
import { parseCsv } from './csv';
import { testConfig } from './testConfig';
import { encodeBmp, encodeImage, tempDir } from './testFiles';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });
beforeAll(async () => {
  dir = await tempDir('user');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('image decoding (sharp for JPEG, PNG and WebP; bmp-ts for BMP)', () => {
  const rng = makeRng(3);
  const image = (channels: 1 | 3, width = 7, height = 5) => ({ width, height, channels, pixels: Uint8Array.from({ length: width * height * channels }, () => Math.floor(rng() * 256)) });

  it('round-trips grayscale and RGB through the lossless formats exactly', async () => {
    for (const format of ['png', 'webp', 'bmp'] as const) {
      for (const channels of [1, 3] as const) {
        if (format === 'webp' && channels === 1) continue; // WebP has no grayscale: it comes back as RGB
        const img = image(channels);
        const out = await decodeImage(await encodeImage(img, format), `x.${format}`);
        expect(out, `${format} ${channels}`).toMatchObject({ width: 7, height: 5, channels });
        expect(Array.from(out.pixels), `${format} ${channels}`).toEqual(Array.from(img.pixels));
      }
    }
  });

  it('decodes JPEG close to the original (lossy) and reads sizes from headers', async () => {
    const smooth = { width: 16, height: 8, channels: 3 as const, pixels: Uint8Array.from({ length: 16 * 8 * 3 }, (_, i) => 40 + (i % 48) * 3) };
    const jpeg = await encodeImage(smooth, 'jpeg');
    const out = await decodeImage(jpeg, 'x.jpg');
    expect(out).toMatchObject({ width: 16, height: 8, channels: 3 });
    const worst = Math.max(...Array.from(out.pixels, (v, i) => Math.abs(v - smooth.pixels[i])));
    expect(worst).toBeLessThan(40);
    expect(await imageHeader(jpeg, 'x.jpg')).toEqual({ width: 16, height: 8, channels: 3 });
    expect(await imageHeader(await encodeImage(image(1, 9, 4), 'png'), 'g.png')).toEqual({ width: 9, height: 4, channels: 1 });
  });

  const realPng = 'node_modules/app-builder-lib/templates/icons/electron-linux/32x32.png';
  it.skipIf(!existsSync(realPng))('decodes a PNG written by another encoder (RGBA icon, alpha dropped)', async () => {
    const img = await decodeImage(readFileSync(realPng), realPng);
    expect(img).toMatchObject({ width: 32, height: 32, channels: 3 });
    expect(new Set(img.pixels).size).toBeGreaterThan(10);
  });

  it('16-bit PNGs are read (as 8-bit values), no longer refused', async () => {
    const deep = await sharp(Buffer.from([0, 128, 255, 64, 32, 16]), { raw: { width: 2, height: 1, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    const out = await decodeImage(deep, 'd.png');
    expect(out).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect(Array.from(out.pixels)).toEqual([0, 128, 255, 64, 32, 16]);
  });

  it('rejects a foreign file, a truncated or corrupted image, RLE BMPs and huge sizes, naming the file', async () => {
    const png = await encodeImage(image(1, 4, 4), 'png');
    await expect(decodeImage(new TextEncoder().encode('GIF89a................................'), 'a.png')).rejects.toThrow(/a\.png: not a PNG file \(wrong signature: it is a GIF image\); LayerLab reads JPEG, PNG, WebP and BMP images/);
    await expect(decodeImage(png.subarray(0, png.length - 20), 'b.png')).rejects.toThrow(/b\.png: truncated PNG \(/);
    const corrupt = png.slice();
    corrupt[Buffer.from(png).indexOf('IDAT') + 6] ^= 0xff; // inside the image data: its CRC no longer matches
    await expect(decodeImage(corrupt, 'c.png')).rejects.toThrow(/c\.png: damaged PNG \(/);
    const jpeg = await encodeImage(image(3, 32, 32), 'jpeg');
    await expect(decodeImage(jpeg.subarray(0, jpeg.length - 100), 'e.jpg')).rejects.toThrow(/e\.jpg: truncated JPEG \(/);
    const rle = encodeBmp(image(1, 4, 4)).slice();
    rle[30] = 1; // BI_RLE8
    await expect(decodeImage(rle, 'f.bmp')).rejects.toThrow(/f\.bmp: is a run-length compressed \(RLE\) BMP/);
    const huge = encodeBmp(image(3, 2, 2)).slice();
    new DataView(huge.buffer).setInt32(18, 100_000, true);
    new DataView(huge.buffer).setInt32(22, 100_000, true);
    await expect(decodeImage(huge, 'g.bmp')).rejects.toThrow(/g\.bmp: is 100000x100000 pixels; LayerLab reads images of up to 40,000,000 pixels/);
    // A PNG whose header claims 100000x100000 (IHDR's CRC recomputed, so the header itself is sound).
    const bigPng = png.slice();
    new DataView(bigPng.buffer).setUint32(16, 100_000);
    new DataView(bigPng.buffer).setUint32(20, 100_000);
    new DataView(bigPng.buffer).setUint32(29, crc32(bigPng.subarray(12, 29)));
    for (const read of [decodeImage, imageHeader]) {
      await expect(read(bigPng, 'h.png')).rejects.toThrow(/h\.png: is 100000x100000 pixels; LayerLab reads images of up to 40,000,000 pixels/);
    }
  });
});

describe('image folder', () => {
  type Format = 'png' | 'jpeg' | 'webp' | 'bmp';
  async function makeFolder(root: string, spec: Record<string, { n: number; channels: 1 | 3; size?: number; format?: Format }>): Promise<void> {
    for (const [cls, { n, channels, size = 6, format = 'png' }] of Object.entries(spec)) {
      await mkdir(join(root, cls), { recursive: true });
      for (let i = 0; i < n; i++) {
        // Every pixel of class k's images is 40*k + i, so labels can be checked from pixels.
        const value = 40 * Object.keys(spec).indexOf(cls) + i;
        const pixels = new Uint8Array(size * size * channels).fill(value);
        const ext = format === 'jpeg' ? 'jpg' : format;
        await writeFile(join(root, cls, `img${i}.${ext}`), await encodeImage({ width: size, height: size, channels, pixels }, format));
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

  it('reads a folder of JPEGs (the usual case), and one that mixes JPEG, PNG, WebP and BMP', async () => {
    const root = join(dir, 'jpegs');
    await makeFolder(root, { cat: { n: 10, channels: 3, size: 16, format: 'jpeg' }, dog: { n: 10, channels: 3, size: 16, format: 'jpeg' } });
    const cfg = testConfig('image-folder', { options: { path: root }, representation: 'image', normalization: 'none', labels: 'int' });
    const d = await loadDataset(cfg, ctx());
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(d.train.features.x.shape).toEqual([16, 16, 16, 3]);
    expect(d.test?.size).toBe(4);
    // Flat-colour JPEGs decode to (almost) their value, so each image's class shows in its pixels.
    for (let i = 0; i < d.train.size; i++) expect(Math.floor((d.train.features.x.data[i * 768] + 2) / 40)).toBe(d.train.classes![i]);
    expect(await describeDataset(cfg)).toMatchObject({ features: { x: [16, 16, 3] }, numClasses: 2, trainSize: 16, testSize: 4 });

    const mixed = join(dir, 'mixed-formats');
    await makeFolder(mixed, { a: { n: 3, channels: 1, format: 'bmp' }, b: { n: 3, channels: 3, format: 'webp' }, c: { n: 3, channels: 1, format: 'jpeg' } });
    const m = await loadDataset(testConfig('image-folder', { options: { path: mixed }, representation: 'image', normalization: 'none', labels: 'int' }), ctx());
    expect(m.train.features.x.shape.slice(1)).toEqual([6, 6, 3]);
    expect(m.train.size + m.test!.size).toBe(9);
  });

  it('rejects an empty folder, a class without images and images of different sizes', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const load = (path: string) => loadDataset(testConfig('image-folder', { options: { path } }), ctx());
    const err = await load(empty).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(new RegExp(`${empty}: has no class sub-folders`));
    await mkdir(join(dir, 'nopng', 'a'), { recursive: true });
    await mkdir(join(dir, 'nopng', 'b'), { recursive: true });
    await writeFile(join(dir, 'nopng', 'a', 'x.txt'), 'notes');
    await writeFile(join(dir, 'nopng', 'b', 'x.jpg'), 'jpeg');
    await expect(load(join(dir, 'nopng'))).rejects.toThrow(/nopng\/a: has no image files \(\.jpg, \.jpeg, \.png, \.webp or \.bmp\)/);
    await writeFile(join(dir, 'nopng', 'a', 'y.png'), await encodeImage({ width: 2, height: 2, channels: 1, pixels: new Uint8Array(4) }, 'png'));
    await expect(load(join(dir, 'nopng'))).rejects.toThrow(/nopng\/b\/x\.jpg: not a JPEG file \(wrong signature: it is not an image\)/);
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
  it('a stray quote names its line, small or past the 1 MB row limit; a row over 1 MB is refused', async () => {
    const rows = '4,5\n'.repeat(400_000); // 1.6 MB after the stray quote
    await writeFile(join(dir, 'stray.csv'), `a,b\n1,2\n3,"4\n${rows}`);
    await expect(describeDataset(testConfig('csv', { options: { path: join(dir, 'stray.csv') } }))).rejects.toThrow(
      /stray\.csv: line 3: a quoted field is never closed \(a stray " opens a field that runs on to more than 1 MB\)/,
    );
    await writeFile(join(dir, 'stray-small.csv'), 'a,b\n1,"2\n3,4\n5,6\n');
    await expect(describeDataset(testConfig('csv', { options: { path: join(dir, 'stray-small.csv') } }))).rejects.toThrow(
      /stray-small\.csv: line 2: a quoted field is never closed \(a stray " opens a field that runs on to the end of the file\)/,
    );
    await writeFile(join(dir, 'oneline.csv'), `a,b\n1,2\n${'7'.repeat(1_100_000)},3\n`);
    await expect(describeDataset(testConfig('csv', { options: { path: join(dir, 'oneline.csv') } }))).rejects.toThrow(
      /oneline\.csv: line 3: a row is longer than 1 MB; LayerLab reads CSV rows of up to 1,048,576 characters/,
    );
  });
});
