// Seeded toy sequence tasks: copy, reverse, addition ("123+45" -> "168"), date translation.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { DATE_FORMAT_CHOICES, DATE_INPUT_LENGTH, DATE_OUTPUT_LENGTH, intOptionValue, optionValue, splitSizes } from '../../../shared/data/catalog';
import { makeRng, randInt } from '../../../shared/data/random';
import { ADDITION_VOCAB, DATE_VOCAB, type CharVocab } from '../../../shared/data/vocab';
import type { DatasetSplit, LoadedDataset } from '../types';
import { floatTensor, labelTensor } from '../tensors';
import { DatasetError } from '../errors';
import { buildTokenDataset, type TokenSamples } from './tokenDataset';

/** Test sets use this fixed seed: every run of a task is scored on the same examples. */
export const SYNTHETIC_TEST_SEED = 424242;

function requireRange(config: DatasetConfig, key: string, min: number, max: number): number {
  const v = intOptionValue(config, key);
  if (v < min || v > max) throw new DatasetError(`option '${key}' is ${v}; it must be between ${min} and ${max}`);
  return v;
}

/** Writes `text` as `length` ids at `into[at..]`, padded after it (or, with `padFirst`, before it). */
function encode(vocab: CharVocab, text: string, length: number, into: Int32Array, at: number, pad = 0, padFirst = false): void {
  if (text.length > length) throw new Error(`'${text}' is longer than ${length} characters`);
  const offset = padFirst ? length - text.length : 0;
  for (let i = 0; i < length; i++) {
    const ch = text[i - offset];
    const id = ch === undefined ? pad : vocab.chars.indexOf(ch, Object.keys(vocab.special).length);
    if (id < 0) throw new Error(`'${ch}' is not in the vocabulary`);
    into[at + i] = id;
  }
}

// ---- copy / reverse ----

function copyTask(count: number, length: number, vocab: number, reverse: boolean, seed: number): TokenSamples {
  const rng = makeRng(seed);
  const x = new Int32Array(count * length);
  const y = new Int32Array(count * length);
  for (let n = 0; n < count; n++) {
    for (let t = 0; t < length; t++) x[n * length + t] = randInt(rng, vocab);
    for (let t = 0; t < length; t++) y[n * length + t] = x[n * length + (reverse ? length - 1 - t : t)];
  }
  return { count, inputs: { x: { ids: x, steps: length } }, target: { ids: y, steps: length } };
}

export function loadCopyTask(config: DatasetConfig, descriptor: DatasetDescriptor): LoadedDataset {
  const length = requireRange(config, 'length', 1, 512);
  const vocab = requireRange(config, 'vocab', 2, 1000);
  const samples = requireRange(config, 'samples', 1, 1_000_000);
  const reverse = config.id === 'seq-reverse';
  return buildTokenDataset({
    descriptor, config, vocab,
    pool: copyTask(samples, length, vocab, reverse, config.seed),
    test: copyTask(Math.floor(samples / 4), length, vocab, reverse, SYNTHETIC_TEST_SEED),
  });
}

// ---- recall the marked token (a long dependency) ----

/**
 * `count` sequences of `length` random tokens (one-hot, width vocab + 1) whose last channel marks one of the first
 * `markWithin` steps; the target is the marked token. Returns x [count * length * (vocab + 1)], the targets and the
 * marked positions.
 */
export function markedRecallTask(count: number, length: number, vocab: number, markWithin: number, seed: number) {
  const rng = makeRng(seed);
  const width = vocab + 1;
  const x = new Float32Array(count * length * width);
  const target = new Int32Array(count);
  const marked = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const tokens = Array.from({ length }, () => randInt(rng, vocab));
    tokens.forEach((tok, t) => (x[(n * length + t) * width + tok] = 1));
    const m = randInt(rng, markWithin);
    x[(n * length + m) * width + vocab] = 1;
    marked[n] = m;
    target[n] = tokens[m];
  }
  return { x, target, marked };
}

export function loadMarkedRecall(config: DatasetConfig, descriptor: DatasetDescriptor): LoadedDataset {
  const length = requireRange(config, 'length', 2, 1000);
  const vocab = requireRange(config, 'vocab', 2, 1000);
  const markWithin = requireRange(config, 'markWithin', 1, length);
  const samples = requireRange(config, 'samples', 1, 1_000_000);
  const sizes = splitSizes(samples, config);
  const split = (count: number, seed: number): DatasetSplit => {
    const { x, target } = markedRecallTask(count, length, vocab, markWithin, seed);
    return {
      size: count,
      features: { x: floatTensor(x, [count, length, vocab + 1]) },
      targets: { y: labelTensor(target, vocab, config.labels, count) },
      classes: target,
    };
  };
  // One seeded pool: validation first, then training (the same samples whatever the limit).
  const pool = split(sizes.validation + sizes.train, config.seed);
  const rows = (from: number, to: number): DatasetSplit => {
    const w = length * (vocab + 1);
    const y = pool.targets.y;
    const yw = y.shape.slice(1).reduce((a, b) => a * b, 1);
    return {
      size: to - from,
      features: { x: floatTensor(pool.features.x.data.slice(from * w, to * w) as Float32Array, [to - from, length, vocab + 1]) },
      targets: { y: { ...y, data: y.data.slice(from * yw, to * yw), shape: [to - from, ...y.shape.slice(1)] } },
      classes: pool.classes!.slice(from, to),
    };
  };
  return {
    descriptor,
    config,
    shapes: { features: { x: [length, vocab + 1] }, targets: { y: [vocab] }, numClasses: vocab, trainSize: sizes.train, testSize: Math.floor(samples / 4) },
    train: rows(sizes.validation, sizes.validation + sizes.train),
    validation: sizes.validation > 0 ? rows(0, sizes.validation) : null,
    test: split(Math.floor(samples / 4), SYNTHETIC_TEST_SEED),
    classNames: Array.from({ length: vocab }, (_, i) => `token ${i}`),
  };
}

// ---- addition ----

export function additionText(a: number, b: number): { input: string; output: string } {
  return { input: `${a}+${b}`, output: String(a + b) };
}

function additionTask(count: number, digits: number, seed: number): TokenSamples {
  const rng = makeRng(seed);
  const inLen = 2 * digits + 1;
  const outLen = digits + 1;
  const x = new Int32Array(count * inLen);
  const y = new Int32Array(count * outLen);
  // Operand lengths are drawn first, then the digits, so short numbers are as common as long ones.
  const operand = () => randInt(rng, 10 ** (1 + randInt(rng, digits)));
  for (let n = 0; n < count; n++) {
    const { input, output } = additionText(operand(), operand());
    encode(ADDITION_VOCAB, input, inLen, x, n * inLen);
    encode(ADDITION_VOCAB, output, outLen, y, n * outLen);
  }
  return { count, inputs: { x: { ids: x, steps: inLen } }, target: { ids: y, steps: outLen } };
}

export function loadAdditionTask(config: DatasetConfig, descriptor: DatasetDescriptor): LoadedDataset {
  const digits = requireRange(config, 'digits', 1, 9);
  const samples = requireRange(config, 'samples', 1, 1_000_000);
  return buildTokenDataset({
    descriptor, config, vocab: ADDITION_VOCAB.size, classNames: ADDITION_VOCAB.chars,
    pool: additionTask(samples, digits, config.seed),
    test: additionTask(Math.floor(samples / 4), digits, SYNTHETIC_TEST_SEED),
  });
}

// ---- date translation ----

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const two = (n: number) => String(n).padStart(2, '0');

/** Which input formats the date task draws from: all seven, or only the three written with digits. */
export type DateFormats = (typeof DATE_FORMAT_CHOICES)[number];

/** Indices (into humanDate's list) of the formats written with digits only. */
const NUMERIC_FORMATS = [2, 5, 6];

/** One date written in a randomly chosen human format, and its ISO form. */
export function humanDate(rng: () => number, formatSet: DateFormats = 'all'): { input: string; output: string } {
  const start = Date.UTC(1950, 0, 1);
  const days = Math.floor(rng() * 36525); // 1950-01-01 .. 2049-12-31
  const date = new Date(start + days * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  const month = MONTHS[m];
  const formats = [
    `${d} ${month} ${y}`,
    `${month} ${d}, ${y}`,
    `${two(d)}.${two(m + 1)}.${y}`,
    `${WEEKDAYS[date.getUTCDay()]}, ${month} ${d}, ${y}`,
    `${d} ${month.slice(0, 3)} ${y}`,
    `${two(m + 1)}/${two(d)}/${y}`,
    `${y}/${two(m + 1)}/${two(d)}`,
  ];
  const input = formatSet === 'numeric' ? formats[NUMERIC_FORMATS[randInt(rng, NUMERIC_FORMATS.length)]] : formats[randInt(rng, formats.length)];
  return { input, output: `${y}-${two(m + 1)}-${two(d)}` };
}

function dateTask(count: number, seed: number, formatSet: DateFormats, padFirst: boolean): TokenSamples {
  const rng = makeRng(seed);
  const x = new Int32Array(count * DATE_INPUT_LENGTH);
  const y = new Int32Array(count * DATE_OUTPUT_LENGTH);
  const decoderIn = new Int32Array(count * DATE_OUTPUT_LENGTH);
  const pad = DATE_VOCAB.special.pad;
  for (let n = 0; n < count; n++) {
    const { input, output } = humanDate(rng, formatSet);
    encode(DATE_VOCAB, input, DATE_INPUT_LENGTH, x, n * DATE_INPUT_LENGTH, pad, padFirst);
    encode(DATE_VOCAB, output, DATE_OUTPUT_LENGTH, y, n * DATE_OUTPUT_LENGTH, pad);
    // Teacher forcing: the decoder sees the start token, then the target shifted right by one.
    decoderIn[n * DATE_OUTPUT_LENGTH] = DATE_VOCAB.special.start;
    decoderIn.set(y.subarray(n * DATE_OUTPUT_LENGTH, (n + 1) * DATE_OUTPUT_LENGTH - 1), n * DATE_OUTPUT_LENGTH + 1);
  }
  return {
    count,
    inputs: { x: { ids: x, steps: DATE_INPUT_LENGTH }, decoder_in: { ids: decoderIn, steps: DATE_OUTPUT_LENGTH } },
    target: { ids: y, steps: DATE_OUTPUT_LENGTH },
  };
}

export function loadDateTask(config: DatasetConfig, descriptor: DatasetDescriptor): LoadedDataset {
  const samples = requireRange(config, 'samples', 1, 1_000_000);
  const formatSet = String(optionValue(config, 'formats'));
  if (!(DATE_FORMAT_CHOICES as readonly string[]).includes(formatSet)) {
    throw new DatasetError(`option 'formats' is '${formatSet}'; it must be one of ${DATE_FORMAT_CHOICES.join(', ')}`);
  }
  const padFirst = optionValue(config, 'padding') === 'before';
  return {
    ...buildTokenDataset({
      descriptor, config, vocab: DATE_VOCAB.size, classNames: DATE_VOCAB.chars,
      pool: dateTask(samples, config.seed, formatSet as DateFormats, padFirst),
      test: dateTask(Math.floor(samples / 4), SYNTHETIC_TEST_SEED, formatSet as DateFormats, padFirst),
    }),
    teacherForcing: { feature: 'decoder_in', startToken: DATE_VOCAB.special.start },
  };
}
