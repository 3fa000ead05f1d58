import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charTextOrder } from './charText';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetConfig } from '../../../shared/graph/types';
import { ADDITION_VOCAB, DATE_VOCAB, TEXT_VOCAB, decodeIds } from '../../../shared/data/vocab';
import { datasetShapes } from '../../../shared/data/catalog';
import { loadDataset } from '../index';
import type { DatasetSplit } from '../types';
import { testConfig } from '../testConfig';
import { tempDir } from '../testFiles';
import { loadBundledMnist } from '../mnistBundled';
import { buildEpisodes, byClass, loadFewShotPrototypes, makeEpisodes, randomPrototypes } from './fewShot';
import { getDescriptor } from '../../../shared/data/catalog';
import { generateSeries } from './timeSeries';

let dir = '';
const ctx = () => ({ cacheDir: join(dir, 'cache') });
beforeAll(async () => {
  dir = await tempDir('synthetic');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Row `i` of a row-major array as numbers (copies only that row: a whole-array copy per row took 20 s here). */
const row = (data: ArrayLike<number>, i: number, width: number) => Array.from({ length: width }, (_, k) => data[i * width + k]);
const seqConfig = (id: string, patch: Partial<DatasetConfig> = {}) =>
  testConfig(id, { representation: 'sequence', labels: 'int', normalization: 'none', ...patch });

describe('copy and reverse', () => {
  it('targets equal the input, or the input reversed; seeded; test set fixed across seeds', async () => {
    const opts = { length: 6, vocab: 5, samples: 40 };
    const copy = await loadDataset(seqConfig('seq-copy', { options: opts }), ctx());
    const rev = await loadDataset(seqConfig('seq-reverse', { options: opts }), ctx());
    expect(copy.train.features.x.shape).toEqual([40, 6]);
    expect(copy.train.targets.y.shape).toEqual([40, 6, 1]);
    for (let i = 0; i < 40; i++) {
      expect(row(copy.train.targets.y.data, i, 6)).toEqual(row(copy.train.features.x.data, i, 6));
      expect(row(rev.train.targets.y.data, i, 6)).toEqual(row(rev.train.features.x.data, i, 6).reverse());
    }
    const values = new Set(Array.from(copy.train.features.x.data));
    expect([...values].sort()).toEqual([0, 1, 2, 3, 4]);
    const other = await loadDataset(seqConfig('seq-copy', { options: opts, seed: 2 }), ctx());
    expect(Array.from(other.train.features.x.data)).not.toEqual(Array.from(copy.train.features.x.data));
    expect(Array.from(other.test!.features.x.data)).toEqual(Array.from(copy.test!.features.x.data));
  });

  it('matrix representation is one-hot rows [T, V]', async () => {
    const d = await loadDataset(seqConfig('seq-copy', { representation: 'matrix', labels: 'onehot', options: { length: 4, vocab: 3, samples: 8 } }), ctx());
    expect(d.train.features.x.shape).toEqual([8, 4, 3]);
    expect(d.train.targets.y.shape).toEqual([8, 4, 3]);
    expect(Array.from(d.train.features.x.data)).toEqual(Array.from(d.train.targets.y.data));
  });
});

describe('addition', () => {
  it('"a+b" inputs decode to sums that the targets spell', async () => {
    const d = await loadDataset(seqConfig('addition', { options: { digits: 3, samples: 200 } }), ctx());
    expect(d.train.features.x.shape).toEqual([200, 7]);
    expect(d.train.targets.y.shape).toEqual([200, 4, 1]);
    let shortOperands = 0;
    for (let i = 0; i < 200; i++) {
      const input = decodeIds(ADDITION_VOCAB, row(d.train.features.x.data, i, 7));
      const output = decodeIds(ADDITION_VOCAB, row(d.train.targets.y.data, i, 4));
      const m = /^(\d{1,3})\+(\d{1,3}) *$/.exec(input);
      expect(m, input).not.toBeNull();
      expect(Number(output.trim())).toBe(Number(m![1]) + Number(m![2]));
      if (m![1].length < 3) shortOperands++;
    }
    expect(shortOperands).toBeGreaterThan(50);
  });
});

describe('date translation', () => {
  it('every input names the same date as its ISO target; decoder_in is the target shifted after <start>', async () => {
    const d = await loadDataset(seqConfig('date-translation', { options: { samples: 300 } }), ctx());
    expect(d.train.features.x.shape).toEqual([300, 30]);
    expect(d.train.features.decoder_in.shape).toEqual([300, 10]);
    expect(d.train.targets.y.shape).toEqual([300, 10, 1]);
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
    const seenFormats = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const input = decodeIds(DATE_VOCAB, row(d.train.features.x.data, i, 30));
      const target = decodeIds(DATE_VOCAB, row(d.train.targets.y.data, i, 10));
      const [y, m, day] = target.split('-').map(Number);
      expect(input).toContain(String(y));
      const named = months.findIndex((mm) => input.includes(mm));
      if (named >= 0) {
        expect(named + 1).toBe(m);
        expect(input).toMatch(new RegExp(`(^|\\D)0?${day}(\\D|$)`));
        seenFormats.add(input.includes(',') ? 'comma' : 'named');
      } else if (/^\d{2}\.\d{2}\.\d{4}$/.test(input)) {
        expect(input).toBe(`${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`);
        seenFormats.add('dots');
      } else if (/^\d{4}\//.test(input)) {
        expect(input).toBe(target.replace(/-/g, '/'));
        seenFormats.add('iso-slash');
      } else {
        expect(input).toBe(`${String(m).padStart(2, '0')}/${String(day).padStart(2, '0')}/${y}`);
        seenFormats.add('us');
      }
      const dec = row(d.train.features.decoder_in.data, i, 10);
      expect(dec[0]).toBe(DATE_VOCAB.special.start);
      expect(dec.slice(1)).toEqual(row(d.train.targets.y.data, i, 10).slice(0, 9));
    }
    expect(seenFormats.size).toBe(5);
    expect(d.teacherForcing).toEqual({ feature: 'decoder_in', startToken: DATE_VOCAB.special.start });
  });

  it("formats 'numeric' draws only the three all-digit formats, still naming the target date", async () => {
    const d = await loadDataset(seqConfig('date-translation', { options: { samples: 200, formats: 'numeric' } }), ctx());
    const shapes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const input = decodeIds(DATE_VOCAB, row(d.train.features.x.data, i, 30));
      const [y, m, day] = decodeIds(DATE_VOCAB, row(d.train.targets.y.data, i, 10)).split('-');
      const dd = `${day}.${m}.${y}`, us = `${m}/${day}/${y}`, iso = `${y}/${m}/${day}`;
      expect([dd, us, iso]).toContain(input);
      shapes.add(input === dd ? 'dd' : input === us ? 'us' : 'iso');
    }
    expect(shapes.size).toBe(3);
    await expect(loadDataset(seqConfig('date-translation', { options: { samples: 20, formats: 'roman' } }), ctx())).rejects.toThrow(/option 'formats' is 'roman'; it must be one of all, numeric/);
  });

  it("padding 'before' puts the pad tokens in front of the same text, so it ends at the encoder's last step", async () => {
    const after = await loadDataset(seqConfig('date-translation', { options: { samples: 50 } }), ctx());
    const before = await loadDataset(seqConfig('date-translation', { options: { samples: 50, padding: 'before' } }), ctx());
    const pad = DATE_VOCAB.special.pad;
    for (let i = 0; i < 50; i++) {
      const a = row(after.train.features.x.data, i, 30);
      const b = row(before.train.features.x.data, i, 30);
      const text = a.filter((t) => t !== pad);
      expect(a.slice(0, text.length)).toEqual(text);
      expect(b.slice(30 - text.length)).toEqual(text);
      expect(b.slice(0, 30 - text.length).every((t) => t === pad)).toBe(true);
      expect(row(before.train.targets.y.data, i, 10)).toEqual(row(after.train.targets.y.data, i, 10));
    }
  });
});

describe('recall the marked token', () => {
  it('one marker among the first K steps; the target is the token there; train, validation and test differ', async () => {
    const cfg = testConfig('seq-recall-marked', { representation: 'matrix', labels: 'int', validationSplit: 0.25, options: { length: 10, vocab: 5, markWithin: 3, samples: 400 } });
    const d = await loadDataset(cfg, ctx());
    expect(d.shapes.features.x).toEqual([10, 6]);
    expect(datasetShapes(cfg).features.x).toEqual([10, 6]);
    expect([d.train.size, d.validation!.size, d.test!.size]).toEqual([300, 100, 100]);
    const seen = new Set<number>();
    for (const split of [d.train, d.validation!, d.test!]) {
      for (let n = 0; n < split.size; n++) {
        const steps = Array.from({ length: 10 }, (_, t) => row(split.features.x.data, n * 10 + t, 6));
        // Exactly one token per step, exactly one marker, within the first 3 steps.
        for (const s of steps) expect(s.slice(0, 5).reduce((a, b) => a + b, 0)).toBe(1);
        const marked = steps.map((s, t) => (s[5] === 1 ? t : -1)).filter((t) => t >= 0);
        expect(marked).toHaveLength(1);
        expect(marked[0]).toBeLessThan(3);
        seen.add(marked[0]);
        const token = steps[marked[0]].indexOf(1);
        expect(split.targets.y.data[n]).toBe(token);
        expect(split.classes![n]).toBe(token);
      }
    }
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(row(d.train.features.x.data, 0, 60)).not.toEqual(row(d.validation!.features.x.data, 0, 60));
    expect(row(d.train.features.x.data, 0, 60)).not.toEqual(row(d.test!.features.x.data, 0, 60));
  });
});

describe('time series', () => {
  it('windows are consecutive slices: the target is the step after the window; standardised with training stats', async () => {
    const cfg = testConfig('time-series', { representation: 'sequence', normalization: 'none', options: { window: 16, horizon: 2, length: 600, noise: 0.1 } });
    const d = await loadDataset(cfg, ctx());
    const series = generateSeries(600, 0.1, cfg.seed);
    expect(d.train.features.x.shape).toEqual([463, 16, 1]);
    expect(d.test!.size).toBe(120 - 17);
    for (const n of [0, 100, 462]) {
      expect(row(d.train.features.x.data, n, 16)).toEqual(Array.from(series.subarray(n, n + 16)));
      expect(row(d.train.targets.y.data, n, 2)).toEqual(Array.from(series.subarray(n + 16, n + 18)));
    }
    // The first test window starts where the training part (80%) ends.
    expect(row(d.test!.features.x.data, 0, 16)).toEqual(Array.from(series.subarray(480, 496)));
    const std = await loadDataset({ ...cfg, normalization: 'standardize', validationSplit: 0.2 }, ctx());
    expect(std.validation!.size).toBe(93);
    const first = Array.from({ length: std.train.size }, (_, i) => std.train.features.x.data[i * 16]);
    const mean = first.reduce((a, b) => a + b, 0) / first.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    // A noisy series is not a constant: the windows vary.
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(2);
  });
});

describe('time series, a target at every step', () => {
  it("y[t] is the value after step t, so every target but the last step's is a later input; shapes match the catalogue", async () => {
    const cfg = testConfig('time-series', { representation: 'sequence', normalization: 'none', options: { window: 8, horizon: 2, length: 300, noise: 0.1, target: 'every step' } });
    const d = await loadDataset(cfg, ctx());
    const series = generateSeries(300, 0.1, cfg.seed);
    expect(d.shapes.targets.y).toEqual([8, 2]);
    expect(datasetShapes(cfg).targets.y).toEqual([8, 2]);
    expect(d.train.targets.y.shape).toEqual([d.train.size, 8, 2]);
    for (const n of [0, 50, d.train.size - 1]) {
      const x = row(d.train.features.x.data, n, 8);
      const y = row(d.train.targets.y.data, n, 16);
      for (let t = 0; t < 8; t++) {
        expect([y[2 * t], y[2 * t + 1]]).toEqual([series[n + t + 1], series[n + t + 2]]);
        if (t < 7) expect(y[2 * t]).toBe(x[t + 1]);
      }
    }
    expect(d.forecastOutput).toEqual({ index: 14, what: expect.stringContaining('last step') });
    // The default target stays the values after the window, with no forecast index.
    const plain = await loadDataset({ ...cfg, options: { ...cfg.options, target: 'after window' } }, ctx());
    expect(plain.train.targets.y.shape).toEqual([plain.train.size, 2]);
    expect(plain.forecastOutput).toBeUndefined();
  });
});

describe('character text', () => {
  it('x is T ids of the file and y the same shifted by one; the last 10% is the test part', async () => {
    const text = 'Hello, world!\r\nThe quick brown fox jumps over the lazy dog. Ünïcode → unknown.\n'.repeat(20);
    const file = join(dir, 'corpus.txt');
    await writeFile(file, text);
    const d = await loadDataset(seqConfig('char-text', { options: { path: file, context: 8, stride: 5 }, validationSplit: 0.1 }), ctx());
    const clean = text.replace(/\r\n/g, '\n');
    const testStart = Math.floor(clean.length * 0.9);
    const windows = Math.floor((testStart - 9) / 5) + 1;
    // Validation is the last stretch of windows before the test part; training windows that share characters
    // with it (context 8 > stride 5: one neighbour) are left out, so validation text is never trained on.
    const val = d.validation!.size;
    expect(val).toBe(Math.round(windows * 0.1));
    expect(d.train.size).toBe(windows - val - 1);
    expect(d.shapes.trainSize).toBe(d.train.size);
    const firstVal = decodeIds(TEXT_VOCAB, row(d.validation!.features.x.data, 0, 8));
    expect(firstVal).toBe(clean.slice((windows - val) * 5, (windows - val) * 5 + 8).replace(/[^\n\x20-\x7e]/g, ''));

    expect(d.train.features.x.shape).toEqual([d.train.size, 8]);
    expect(d.train.targets.y.shape).toEqual([d.train.size, 8, 1]);
    const unk = TEXT_VOCAB.special.unk;
    const expected = (s: number) => Array.from(clean.slice(s, s + 8), (ch) => (ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) < 127) || ch === '\n' ? ch : '');
    for (let i = 0; i < d.train.size; i++) {
      const x = row(d.train.features.x.data, i, 8);
      const y = row(d.train.targets.y.data, i, 8);
      expect(y.slice(0, 7)).toEqual(x.slice(1));
      // The sample's text appears at a stride position of the file.
      const decoded = x.map((id) => (id === unk ? '?' : TEXT_VOCAB.chars[id])).join('');
      const starts = Array.from({ length: 400 }, (_, k) => k * 5).filter((s) => expected(s).map((c) => c || '?').join('') === decoded);
      expect(starts.length, decoded).toBeGreaterThan(0);
    }
    const first = decodeIds(TEXT_VOCAB, row(d.test!.features.x.data, 0, 8));
    expect(first).toBe(clean.slice(testStart, testStart + 8).replace(/[^\n\x20-\x7e]/g, ''));
    expect(datasetShapes(seqConfig('char-text', { options: { context: 8 } })).targets.y).toEqual([8, TEXT_VOCAB.size]);
  });

  it('keeps every training window clear of the validation stretch', () => {
    const config = seqConfig('char-text', { validationSplit: 0.1, seed: 3 });
    for (const [windows, context, stride] of [[20, 8, 5], [200, 32, 8], [50, 4, 4], [30, 16, 1]]) {
      const { order, train } = charTextOrder(windows, context, stride, config);
      const val = Math.round(windows * 0.1);
      expect(order.slice(0, val)).toEqual(Array.from({ length: val }, (_, i) => windows - val + i));
      const trainWindows = order.slice(val);
      expect(trainWindows).toHaveLength(train);
      expect(new Set(trainWindows).size).toBe(train);
      // Window k reads characters k*stride .. k*stride+context; none may reach the first validation window.
      for (const k of trainWindows) expect(k * stride + context).toBeLessThan((windows - val) * stride);
      // And only the overlapping ones are left out.
      expect(train).toBe(Math.floor(((windows - val) * stride - context - 1) / stride) + 1);
    }
  });

  it('rejects a missing file, a binary file and a text too short for one sample', async () => {
    await expect(loadDataset(seqConfig('char-text', { options: { path: join(dir, 'nope.txt') } }), ctx())).rejects.toThrow(/nope\.txt: cannot read/);
    await writeFile(join(dir, 'bin.txt'), Buffer.from([65, 0, 66]));
    await expect(loadDataset(seqConfig('char-text', { options: { path: join(dir, 'bin.txt') } }), ctx())).rejects.toThrow(/bin\.txt: is not a text file/);
    await writeFile(join(dir, 'short.txt'), 'tiny');
    await expect(loadDataset(seqConfig('char-text', { options: { path: join(dir, 'short.txt'), context: 64 } }), ctx())).rejects.toThrow(/short\.txt: has 4 characters: too short/);
    await expect(loadDataset(seqConfig('char-text'), ctx())).rejects.toThrow(/no text file given/);
  });
});

describe('few-shot MNIST episodes', () => {
  it('N-way K-shot: K examples per episode label, the query matches its label, test classes held out', async () => {
    const { train, test } = await loadBundledMnist();
    const pool = byClass([train, test]);
    const ways = 3, shots = 2, steps = 7;
    const ep = makeEpisodes({
      count: 50, ways, shots, classes: [0, 1, 2, 3, 4, 5, 6], pool, seed: 5,
      scaling: { offset: [0], scale: [1 / 255] }, config: testConfig('fewshot-mnist', { labels: 'int' }),
    });
    expect(ep.features.x.shape).toEqual([50, steps, 784 + ways]);
    const x = ep.features.x.data;
    for (let e = 0; e < 50; e++) {
      const labelOf: number[] = [];
      const digitOfLabel = new Map<number, number>();
      for (let t = 0; t < steps; t++) {
        const slots = Array.from(x.subarray((e * steps + t) * 787 + 784, (e * steps + t + 1) * 787));
        const digit = ep.digits[e * steps + t];
        expect(digit).toBeLessThan(7);
        if (t === steps - 1) {
          expect(slots).toEqual([0, 0, 0]);
          expect(digit).toBe(digitOfLabel.get(ep.classes![e]));
        } else {
          expect(slots.reduce((a, b) => a + b, 0)).toBe(1);
          const label = slots.indexOf(1);
          labelOf.push(label);
          if (digitOfLabel.has(label)) expect(digitOfLabel.get(label)).toBe(digit);
          digitOfLabel.set(label, digit);
        }
      }
      expect(labelOf.sort()).toEqual([0, 0, 1, 1, 2, 2]);
      expect(new Set(digitOfLabel.values()).size).toBe(3);
    }
    const d = await loadDataset(testConfig('fewshot-mnist', { representation: 'sequence', options: { ways: 3, shots: 2, episodes: 40 } }), ctx());
    expect(d.train.features.x.shape).toEqual([40, 7, 787]);
    expect(d.train.targets.y.shape).toEqual([40, 3]);
    expect(d.test!.size).toBe(10);
    await expect(loadDataset(testConfig('fewshot-mnist', { representation: 'sequence', options: { ways: 6 } }), ctx())).rejects.toThrow(/option 'ways' is 6; it must be 2..5/);
  });

  it('validation and test episodes show only the held-out digits', async () => {
    const { train, test } = await loadBundledMnist();
    const pool = byClass([train, test]);
    const d = await loadDataset(testConfig('fewshot-mnist', { representation: 'sequence', validationSplit: 0.25, options: { ways: 4, shots: 1, episodes: 40 } }), ctx());
    expect(d.validation!.size).toBe(10);
    // Each step's pixels identify its image; the held-out digits are 6..9 for 4 ways.
    const digitOf = new Map<string, number>();
    for (const [digit, items] of pool) for (const { set, index } of items) digitOf.set(set.pixels.subarray(index * 784, (index + 1) * 784).join(), digit);
    const digitsIn = (x: { data: Float32Array | Int32Array; shape: number[] }) => {
      const width = x.shape[2];
      const out = new Set<number>();
      for (let r = 0; r < x.data.length / width; r++) {
        out.add(digitOf.get(Array.from(x.data.subarray(r * width, r * width + 784), (v) => Math.round(v * 255)).join())!);
      }
      return [...out].sort();
    };
    expect(digitsIn(d.train.features.x)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(digitsIn(d.validation!.features.x)).toEqual([6, 7, 8, 9]);
    expect(digitsIn(d.test!.features.x)).toEqual([6, 7, 8, 9]);
  });
});

describe('few-shot synthetic classes', () => {
  const protoConfig = (options: Record<string, number>, patch = {}) =>
    testConfig('fewshot-prototypes', { representation: 'sequence', normalization: 'none', validationSplit: 0.2, options, ...patch });

  it('episodes: K noisy examples per label, the query of a support class; held-out classes only in validation and test', () => {
    const ways = 3, shots = 2, dims = 4, steps = 7;
    const prototypes = randomPrototypes(10, dims, 3);
    const ep = buildEpisodes({
      count: 30, ways, shots, classes: [2, 5, 6, 9], featureSize: dims, seed: 4, config: testConfig('fewshot-prototypes', { labels: 'int' }),
      fill: (cls, into, at) => into.set(prototypes.subarray(cls * dims, (cls + 1) * dims), at),
    });
    expect(ep.features.x.shape).toEqual([30, steps, dims + ways]);
    expect(ep.targets.y.shape).toEqual([30, 1]);
    for (let e = 0; e < 30; e++) {
      const classOfLabel = new Map<number, number>();
      for (let t = 0; t < steps; t++) {
        const at = (e * steps + t) * (dims + ways);
        const cls = ep.shown[e * steps + t];
        expect([2, 5, 6, 9]).toContain(cls);
        expect(Array.from(ep.features.x.data.subarray(at, at + dims))).toEqual(Array.from(prototypes.subarray(cls * dims, (cls + 1) * dims)));
        const slots = Array.from(ep.features.x.data.subarray(at + dims, at + dims + ways));
        if (t === steps - 1) {
          expect(slots).toEqual([0, 0, 0]);
          expect(cls).toBe(classOfLabel.get(ep.classes![e]));
        } else {
          const label = slots.indexOf(1);
          expect(slots.reduce((a, b) => a + b, 0)).toBe(1);
          if (classOfLabel.has(label)) expect(classOfLabel.get(label)).toBe(cls);
          classOfLabel.set(label, cls);
        }
      }
      expect(new Set(classOfLabel.values()).size).toBe(ways);
    }
  });

  it('the query label can be read off the support set: nearest-neighbour accuracy on held-out episodes', async () => {
    const ways = 5, dims = 16;
    const d = await loadDataset(protoConfig({ ways, shots: 1, episodes: 800, classes: 50, dims, noise: 0.6 }, { labels: 'int' }), ctx());
    expect(d.shapes.features.x).toEqual([6, dims + ways]);
    expect(d.train.size).toBe(640);
    expect(d.validation!.size).toBe(160);
    expect(d.test!.size).toBe(200);
    // Copy the label of the support example nearest to the query (no learning at all).
    const nearestAccuracy = (split: DatasetSplit) => {
      const width = dims + ways;
      let right = 0;
      for (let e = 0; e < split.size; e++) {
        const at = (t: number) => (e * 6 + t) * width;
        const q = split.features.x.data.subarray(at(5), at(5) + dims);
        let best = -1, bestDist = Infinity;
        for (let t = 0; t < 5; t++) {
          const s = split.features.x.data.subarray(at(t), at(t) + dims);
          let dist = 0;
          for (let i = 0; i < dims; i++) dist += (s[i] - q[i]) ** 2;
          if (dist < bestDist) [best, bestDist] = [t, dist];
        }
        const label = Array.from(split.features.x.data.subarray(at(best) + dims, at(best) + width)).indexOf(1);
        if (label === split.targets.y.data[e]) right++;
      }
      return right / split.size;
    };
    for (const split of [d.train, d.validation!, d.test!]) expect(nearestAccuracy(split)).toBeGreaterThan(0.9);
    // More noise makes it harder: the same rule falls well below.
    const noisy = await loadDataset(protoConfig({ ways, shots: 1, episodes: 800, classes: 50, dims, noise: 2 }, { labels: 'int' }), ctx());
    expect(nearestAccuracy(noisy.test!)).toBeLessThan(0.7);
  });

  it('validation and test classes are new prototypes; the training ones follow the seed', async () => {
    const dims = 3;
    const load = (seed: number) => loadFewShotPrototypes(protoConfig({ ways: 2, shots: 1, episodes: 200, classes: 4, dims, noise: 0 }, { seed }), getDescriptor('fewshot-prototypes')!);
    const vectors = (split: DatasetSplit) => {
      const out = new Set<string>();
      const width = dims + 2;
      for (let r = 0; r < split.features.x.data.length / width; r++) {
        out.add(Array.from(split.features.x.data.subarray(r * width, r * width + dims)).join());
      }
      out.delete('0,0,0');
      return out;
    };
    const a = await load(1);
    const b = await load(2);
    const trainA = vectors(a.train);
    expect(trainA.size).toBe(4);
    for (const held of [vectors(a.validation!), vectors(a.test!)]) {
      expect(held.size).toBe(4);
      for (const v of held) expect(trainA.has(v)).toBe(false);
    }
    expect(vectors(b.test!)).toEqual(vectors(a.test!));
    expect([...vectors(b.train)].some((v) => trainA.has(v))).toBe(false);
  });

  it('names bad options', async () => {
    const base = { ways: 5, shots: 1, episodes: 20, classes: 10, dims: 8 };
    await expect(loadDataset(protoConfig({ ...base, ways: 1 }), ctx())).rejects.toThrow(/option 'ways' is 1; it must be 2\.\.20/);
    await expect(loadDataset(protoConfig({ ...base, shots: 0 }), ctx())).rejects.toThrow(/option 'shots' is 0/);
    await expect(loadDataset(protoConfig({ ...base, episodes: 0 }), ctx())).rejects.toThrow(/option 'episodes' is 0/);
    await expect(loadDataset(protoConfig({ ...base, classes: 4 }), ctx())).rejects.toThrow(/option 'classes' is 4; it must be between ways \(5\)/);
    await expect(loadDataset(protoConfig({ ...base, dims: 1 }), ctx())).rejects.toThrow(/option 'dims' is 1/);
    await expect(loadDataset(protoConfig({ ...base, noise: -1 }), ctx())).rejects.toThrow(/option 'noise' is -1/);
  });
});
