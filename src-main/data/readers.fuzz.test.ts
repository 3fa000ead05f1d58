// Property-based fuzzing (fast-check) of every dataset reader: random bytes and mutations of valid files (bytes
// flipped, zeroed, inserted, cut short) must give a valid result or a DatasetError that names the file, within a
// time bound, never another exception (a RangeError or TypeError with a stack trace), a hang or a crash.
// Fixed seed and run counts, so a failure reproduces and the suite's length is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DatasetError, loadDataset } from './index';
import { decodeCifarBatches } from './cifar';
import { parseCsv } from './csv';
import { encodeIdxUbyte, parseIdx, parseIdxHeader, readIdxFile } from './idx';
import { decodeImage, imageHeader } from './imageDecode';
import { readTarFile } from './tar';
import { testConfig } from './testConfig';
import { encodeImage, labelledPixels, tarBytes, tempDir } from './testFiles';

const SEED = 1515;
/** Per input: far above what any reader needs for these sizes, so only a hang reaches it. */
const TIME_BOUND_MS = 10_000;
const params = (numRuns: number) => ({ seed: SEED, numRuns, timeout: TIME_BOUND_MS, endOnFailure: true });

let dir = '';
beforeAll(async () => {
  dir = await tempDir('fuzz');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a reader; passes when it returns, or throws a DatasetError whose message names `file` and has no stack. */
async function clearOutcome(file: string, read: () => unknown): Promise<void> {
  try {
    await read();
  } catch (err) {
    if (!(err instanceof DatasetError)) throw new Error(`${file}: not a DatasetError but ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
    expect(err.message.startsWith(file) || err.message.includes(file), `names the file: ${err.message}`).toBe(true);
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(err.message.length).toBeLessThan(1000);
  }
}

type Mutation = { kind: 'flip' | 'zero' | 'cut' | 'insert' | 'copy'; at: number; value: number; length: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'zero', 'cut', 'insert', 'copy'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 64 }),
});

/** Applies mutations to a copy of `bytes` (positions taken modulo the current length). */
function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    const at = out.length ? m.at % out.length : 0;
    if (m.kind === 'flip' && out.length) out[at] ^= 1 << (m.value % 8);
    else if (m.kind === 'zero' && out.length) out.fill(m.value, at, at + m.length);
    else if (m.kind === 'cut') out = out.subarray(0, at);
    else if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...new Array(m.length).fill(m.value), ...out.subarray(at)]);
    else if (m.kind === 'copy') out = Uint8Array.from([...out, ...out.subarray(at, at + m.length)]);
  }
  return out;
}
const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 5 });
const randomBytes = fc.uint8Array({ maxLength: 2048 });

describe('fuzz: images (sharp for JPEG, PNG, WebP; bmp-ts for BMP)', () => {
  const valid: Uint8Array[] = [];
  beforeAll(async () => {
    const { pixels } = labelledPixels(1, 12 * 10 * 3, 5);
    for (const channels of [1, 3] as const) {
      const img = { width: 12, height: 10, channels, pixels: pixels.subarray(0, 12 * 10 * channels) };
      for (const format of ['png', 'jpeg', 'webp', 'bmp'] as const) valid.push(await encodeImage(img, format));
    }
  });

  it('random bytes, and mutated valid files of every format, decode or fail clearly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, fc.tuple(fc.nat(), mutationsArb).map(([i, m]) => mutate(valid[i % valid.length], m))), async (bytes) => {
        await clearOutcome('fuzz.img', async () => {
          const img = await decodeImage(bytes, 'fuzz.img');
          expect(img.pixels.length).toBe(img.width * img.height * img.channels);
        });
        await clearOutcome('fuzz.img', () => imageHeader(bytes, 'fuzz.img'));
      }),
      params(300),
    );
  });

  it('an image folder of mutated files loads or fails clearly', async () => {
    const root = join(dir, 'images');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), mutationsArb), { minLength: 2, maxLength: 2 }), async (picks) => {
        await rm(root, { recursive: true, force: true });
        for (const [k, [i, m]] of picks.entries()) {
          await mkdir(join(root, `class${k}`), { recursive: true });
          await writeFile(join(root, `class${k}`, 'a.png'), valid[i % valid.length]);
          await writeFile(join(root, `class${k}`, 'b.png'), mutate(valid[i % valid.length], m));
        }
        await clearOutcome(root, () => loadDataset(testConfig('image-folder', { options: { path: root }, representation: 'image' }), { cacheDir: dir }));
      }),
      params(40),
    );
  });
});

describe('fuzz: CSV (Papa Parse)', () => {
  const cell = fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r\n', '\r', 'a', 'b', '1', '2.5', '-3e4', ' ', 'NaN', 'é', '\uFEFF', '\u0000', 'x,y');
  const csvText = fc.oneof(
    fc.string({ unit: cell, maxLength: 200 }),
    fc.array(fc.array(fc.oneof(fc.constantFrom('1', '2', '0.5', 'red', 'blue', '"q,uoted"', '', 'NA')), { minLength: 1, maxLength: 5 }), { maxLength: 30 })
      .map((rows) => ['a,b,c,label', ...rows.map((r) => r.join(','))].join('\n')),
  );

  it('random and near-valid tables parse and load, or fail naming the file (and the line)', async () => {
    const file = join(dir, 'fuzz.csv');
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => {
        await clearOutcome(file, () => parseCsv(text, file));
        await writeFile(file, text);
        await clearOutcome(file, () => loadDataset(testConfig('csv', { options: { path: file } }), { cacheDir: dir }));
      }),
      params(300),
    );
  });
});

describe('fuzz: character text', () => {
  it('random bytes (NUL, broken UTF-8, CR) load or fail clearly', async () => {
    const file = join(dir, 'fuzz.txt');
    await fc.assert(
      fc.asyncProperty(randomBytes, fc.integer({ min: 1, max: 40 }), async (bytes, context) => {
        await writeFile(file, bytes);
        await clearOutcome(file, () => loadDataset(testConfig('char-text', { options: { path: file, context }, representation: 'sequence', labels: 'int' }), { cacheDir: dir }));
      }),
      params(200),
    );
  });
});

describe('fuzz: IDX and CIFAR-10 binary', () => {
  const { pixels, labels } = labelledPixels(3, 16, 2);
  const idx = encodeIdxUbyte([3, 4, 4], pixels);

  it('IDX headers and bodies, plain and gzipped, parse or fail clearly', async () => {
    const file = join(dir, 'fuzz-idx3-ubyte');
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, mutationsArb.map((m) => mutate(idx, m))), fc.boolean(), async (bytes, gzip) => {
        await clearOutcome(file, () => parseIdxHeader(bytes, file));
        await clearOutcome(file, () => parseIdx(bytes, file));
        await writeFile(file, gzip ? mutate(gzipSync(bytes), [{ kind: 'flip', at: bytes.length, value: bytes[0] ?? 0, length: 1 }]) : bytes);
        await clearOutcome(file, () => readIdxFile(file));
      }),
      params(300),
    );
  });

  it('CIFAR batches of any length and labels decode or fail clearly', async () => {
    const record = new Uint8Array(3073);
    record[0] = labels[0];
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, mutationsArb.map((m) => mutate(record, m))), async (bytes) => {
        await clearOutcome('batch.bin', () => decodeCifarBatches([{ name: 'batch.bin', bytes }]));
      }),
      params(200),
    );
  });
});

describe('fuzz: tar archives (node-tar)', () => {
  let tar: Uint8Array;
  let tarGz: Uint8Array;
  beforeAll(async () => {
    const files = [{ name: 'cifar-10-batches-bin/test_batch.bin', data: new Uint8Array(3073 * 2).fill(3) }, { name: 'notes.txt', data: new TextEncoder().encode('hello') }];
    tar = await tarBytes(files);
    tarGz = await tarBytes(files, true);
  });

  it('random and mutated archives (plain and gzipped) are read or fail clearly', async () => {
    const file = join(dir, 'fuzz.tar');
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, fc.tuple(fc.boolean(), mutationsArb).map(([gz, m]) => mutate(gz ? tarGz : tar, m))), async (bytes) => {
        await writeFile(file, bytes);
        await clearOutcome(file, () => readTarFile(file, { wanted: () => true }));
        await clearOutcome(file, () => loadDataset(testConfig('cifar10', { options: { path: file } }), { cacheDir: dir }));
      }),
      params(200),
    );
  });
});
