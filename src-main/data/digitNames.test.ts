import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetShapes, DIGIT_NAME_LENGTH } from '../../shared/data/catalog';
import { decodeIds, DIGIT_NAME_VOCAB, DIGIT_NAMES } from '../../shared/data/vocab';
import { loadDataset, previewDataset } from './index';
import { digitNameIds } from './digitNames';
import { testConfig } from './testConfig';
import { tempDir } from './testFiles';
import type { DatasetSplit } from './types';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });
beforeAll(async () => {
  dir = await tempDir('digit-names');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (patch: Parameters<typeof testConfig>[1] = {}) =>
  testConfig('mnist-digit-names', { limit: 300, validationSplit: 0.2, ...patch });

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/** Per step: the class id (int labels) or the arg-max of the one-hot row. */
function targetIds(split: DatasetSplit, i: number): number[] {
  const [, steps, width] = split.targets.y.shape;
  const row = Array.from(split.targets.y.data.subarray(i * steps * width, (i + 1) * steps * width));
  return Array.from({ length: steps }, (_, t) => {
    const cells = row.slice(t * width, (t + 1) * width);
    return width === 1 ? cells[0] : cells.indexOf(1);
  });
}

describe('digit-name vocabulary', () => {
  it('holds the end token first and every letter of the ten names', () => {
    expect(DIGIT_NAME_VOCAB.special).toEqual({ end: 0 });
    expect(DIGIT_NAME_VOCAB.size).toBe(16);
    for (const name of DIGIT_NAMES) for (const ch of name) expect(DIGIT_NAME_VOCAB.chars.indexOf(ch)).toBeGreaterThan(0);
    expect(DIGIT_NAME_LENGTH).toBe(6);
    expect(Array.from(digitNameIds(7, 6)).map((id) => DIGIT_NAME_VOCAB.chars[id] || '_').join('')).toBe('seven_');
    expect(decodeIds(DIGIT_NAME_VOCAB, digitNameIds(0, 9))).toBe('zero');
  });
});

describe('MNIST digit -> spelled name', () => {
  it('same images, split and digits as mnist-bundled; targets spell each digit, padded with end tokens', async () => {
    const names = await loadDataset(config(), ctx());
    const digits = await loadDataset(testConfig('mnist-bundled', { limit: 300, validationSplit: 0.2 }), ctx());
    const V = DIGIT_NAME_VOCAB.size;
    expect(names.shapes.features.x).toEqual([784]);
    expect(names.shapes.targets.y).toEqual([6, V]);
    expect(names.shapes.numClasses).toBe(V);
    expect(names.classNames).toEqual(DIGIT_NAME_VOCAB.chars);
    for (const key of ['train', 'validation', 'test'] as const) {
      const split = names[key]!;
      const same = digits[key]!;
      expect(split.size).toBe(same.size);
      expect(split.targets.y.shape).toEqual([split.size, 6, V]);
      // Byte comparison: a deep equal over 1.5M floats takes seconds.
      expect(sameBytes(split.features.x.data, same.features.x.data), `${key} images`).toBe(true);
      expect(sameBytes(split.classes!, same.classes!), `${key} digits`).toBe(true);
      const wrong: string[] = [];
      for (let i = 0; i < split.size; i++) {
        const ids = targetIds(split, i);
        const name = DIGIT_NAMES[split.classes![i]];
        const padded = ids.slice(name.length).every((id) => id === DIGIT_NAME_VOCAB.special.end);
        if (decodeIds(DIGIT_NAME_VOCAB, ids) !== name || !padded) wrong.push(`${key} #${i}: ${ids.join(',')} for ${name}`);
      }
      expect(wrong).toEqual([]);
    }
    expect(names.train.size).toBe(240);
    expect(names.test!.size).toBe(2000);
    expect(new Set(names.test!.classes).size).toBe(10);
  });

  it('int labels, a longer name length and the image representation', async () => {
    const d = await loadDataset(config({ labels: 'int', representation: 'image', options: { length: 9 } }), ctx());
    expect(d.train.features.x.shape).toEqual([240, 28, 28, 1]);
    expect(d.train.targets.y.shape).toEqual([240, 9, 1]);
    expect(datasetShapes(config({ labels: 'int', options: { length: 9 } })).targets.y).toEqual([9, DIGIT_NAME_VOCAB.size]);
    for (let i = 0; i < 20; i++) expect(decodeIds(DIGIT_NAME_VOCAB, targetIds(d.train, i))).toBe(DIGIT_NAMES[d.train.classes![i]]);
  });

  it('names a bad length option and a bad representation', async () => {
    await expect(loadDataset(config({ options: { length: 5 } }), ctx())).rejects.toThrow(/option 'length' is 5; it must be 6\.\.32/);
    await expect(loadDataset(config({ options: { length: 33 } }), ctx())).rejects.toThrow(/option 'length' is 33/);
    await expect(loadDataset(config({ representation: 'nope' as never }), ctx())).rejects.toThrow(/has no 'nope' representation/);
  });

  it('preview: the target reads as the name, the image is not decoded as text', async () => {
    const p = await previewDataset(config(), 4, ctx());
    for (const s of p.samples) {
      expect(s.features.x.text).toBeUndefined();
      expect(DIGIT_NAMES).toContain(s.targets.y.text);
    }
  });
});
