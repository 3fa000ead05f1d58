import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRng } from '../../shared/data/random';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES } from './cifar';
import { readTarFile } from './tar';
import { describeDataset, loadDataset } from './index';
import { testConfig } from './testConfig';
import { tarBytes, tempDir, writeTarFile } from './testFiles';

// Records in the official layout: label byte, then the R plane, G plane, B plane (each 32x32, row-major).
// Pixel values encode (record, channel, position) so the test can check the HWC interleaving exactly.
function batch(records: number, seed: number): { bytes: Uint8Array; labels: number[] } {
  const rng = makeRng(seed);
  const bytes = new Uint8Array(records * 3073);
  const labels: number[] = [];
  for (let r = 0; r < records; r++) {
    const label = Math.floor(rng() * 10);
    labels.push(label);
    bytes[r * 3073] = label;
    for (let ch = 0; ch < 3; ch++) {
      for (let p = 0; p < 1024; p++) bytes[r * 3073 + 1 + ch * 1024 + p] = (label * 10 + ch * 3 + p) % 256;
    }
  }
  return { bytes, labels };
}

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  dir = await tempDir('cifar');
  const folder = join(dir, 'cifar-10-batches-bin');
  await mkdir(folder, { recursive: true });
  CIFAR_TRAIN_FILES.forEach((name, i) => files.set(name, batch(4, i + 1).bytes));
  files.set(CIFAR_TEST_FILE, batch(5, 9).bytes);
  files.set('batches.meta.txt', new TextEncoder().encode('airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n'));
  for (const [name, data] of files) await writeFile(join(folder, name), data);
  await writeTarFile(join(dir, 'cifar-10-binary.tar.gz'), [...files].map(([name, data]) => ({ name: `cifar-10-batches-bin/${name}`, data })), true);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CIFAR-10 binary reader', () => {
  it('turns R,G,B planes into HWC [32,32,3] images, keeping labels paired', async () => {
    const data = await loadDataset(testConfig('cifar10', { options: { path: dir }, representation: 'image', normalization: 'none', labels: 'int' }), ctx());
    expect(data.train.size).toBe(20);
    expect(data.test?.size).toBe(5);
    expect(data.train.features.x.shape).toEqual([20, 32, 32, 3]);
    expect(data.classNames?.[1]).toBe('automobile');
    const x = data.test!.features.x.data;
    for (let i = 0; i < 5; i++) {
      const label = data.test!.classes![i];
      for (const [row, col] of [[0, 0], [0, 5], [7, 3], [31, 31]]) {
        const p = row * 32 + col;
        for (let ch = 0; ch < 3; ch++) expect(x[i * 3072 + p * 3 + ch]).toBe((label * 10 + ch * 3 + p) % 256);
      }
    }
    expect(Array.from(data.test!.classes!)).toEqual(batch(5, 9).labels);
  });

  it('reads the .tar.gz archive to the same tensors as the folder, and describes sizes from file sizes', async () => {
    const cfg = (path: string) => testConfig('cifar10', { options: { path }, representation: 'vector', normalization: 'standardize', seed: 4, validationSplit: 0.25 });
    const fromFolder = await loadDataset(cfg(join(dir, 'cifar-10-batches-bin')), ctx());
    const fromTar = await loadDataset(cfg(join(dir, 'cifar-10-binary.tar.gz')), ctx());
    expect(fromTar.train.features.x.shape).toEqual([15, 3072]);
    expect(fromTar.validation?.size).toBe(5);
    expect(Array.from(fromTar.train.features.x.data)).toEqual(Array.from(fromFolder.train.features.x.data));
    // Standardised per channel with training statistics: each channel of the training split has mean 0.
    for (let ch = 0; ch < 3; ch++) {
      let sum = 0;
      for (let i = ch; i < fromTar.train.features.x.data.length; i += 3) sum += fromTar.train.features.x.data[i];
      expect(Math.abs(sum / (15 * 1024))).toBeLessThan(1e-4);
    }
    const shapes = await describeDataset(cfg(dir));
    expect(shapes).toMatchObject({ features: { x: [3072] }, trainSize: 15, testSize: 5, numClasses: 10 });
    // The archive is scanned entry by entry (streamed through gunzip) for the same counts.
    expect(await describeDataset(cfg(join(dir, 'cifar-10-binary.tar.gz')))).toEqual(shapes);
  });

  it('names the file for a truncated batch, a bad label, a missing batch and a damaged archive', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    for (const [name, data] of files) await writeFile(join(bad, name), data);
    const load = (path = bad) => loadDataset(testConfig('cifar10', { options: { path } }), ctx());
    await writeFile(join(bad, 'data_batch_3.bin'), files.get('data_batch_3.bin')!.subarray(0, 3073 * 2 + 100));
    await expect(load()).rejects.toThrow(/data_batch_3\.bin: size 6246 is not a whole number of 3073-byte records/);
    const badLabel = files.get('data_batch_3.bin')!.slice();
    badLabel[3073] = 12;
    await writeFile(join(bad, 'data_batch_3.bin'), badLabel);
    await expect(load()).rejects.toThrow(/data_batch_3\.bin: record 1 has label 12/);
    await rm(join(bad, 'data_batch_3.bin'));
    await expect(load()).rejects.toThrow(/missing data_batch_3\.bin/);
    const tarGz = await tarBytes([{ name: 'x/data_batch_1.bin', data: files.get('data_batch_1.bin')! }], true);
    await writeFile(join(dir, 'cut.tar.gz'), tarGz.subarray(0, tarGz.length - 30));
    await expect(load(join(dir, 'cut.tar.gz'))).rejects.toThrow(/cut\.tar\.gz: gzip data is damaged or truncated/);
  });

  it('tar reader: rejects a truncated entry and a non-tar file', async () => {
    const tar = await tarBytes([{ name: 'a.bin', data: new Uint8Array(1000).fill(7) }]);
    const at = (name: string) => join(dir, name);
    await writeFile(at('t.tar'), tar);
    const whole = await readTarFile(at('t.tar'), { wanted: () => true });
    expect([...whole.sizes]).toEqual([['a.bin', 1000]]);
    expect(Array.from(whole.entries.get('a.bin')!)).toEqual(new Array(1000).fill(7));
    await writeFile(at('cut.tar'), tar.subarray(0, 900));
    await expect(readTarFile(at('cut.tar'))).rejects.toThrow(/cut\.tar: truncated: 'a\.bin' needs 1000 bytes, 388 remain/);
    await writeFile(at('junk.tar'), new Uint8Array(1024).fill(65));
    await expect(readTarFile(at('junk.tar'))).rejects.toThrow(/junk\.tar: .*not a tar archive/);
  });
});
