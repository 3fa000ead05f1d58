// Character-level language-model data from the user's .txt file (GPT-style next-token prediction):
// x = T token ids, y = the next token at every position. Fixed vocabulary (shared/data/vocab.ts).
// The last 10% of the text is the test part. Validation is the contiguous stretch of windows just before it,
// and training windows that would share characters with it are left out: with a stride shorter than the
// context, neighbouring windows overlap, and a random pick let the model score on text it had trained on
// (a tiny GPT showed val_acc 0.61 against 0.22 on the test part).
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../../shared/data/types';
import { datasetShapes, intOptionValue, splitSizes } from '../../../shared/data/catalog';
import { permutation } from '../../../shared/data/random';
import { TEXT_VOCAB } from '../../../shared/data/vocab';
import type { LoadedDataset } from '../types';
import { DatasetError } from '../errors';
import { datasetPath, readUserText } from '../userFiles';
import { buildTokenDataset, type TokenSamples } from './tokenDataset';

const lookup = new Map<string, number>(TEXT_VOCAB.chars.map((ch, id) => [ch, id] as [string, number]).filter(([ch]) => ch !== ''));

/** Text -> ids; characters outside the vocabulary become 'unk' (0). '\r\n' counts as one newline. */
export function tokenizeText(text: string): { ids: Int32Array; unknown: number } {
  const clean = text.replace(/\r\n?/g, '\n');
  const ids = new Int32Array(clean.length);
  let unknown = 0;
  for (let i = 0; i < clean.length; i++) {
    const id = lookup.get(clean[i]);
    if (id === undefined) unknown++;
    ids[i] = id ?? TEXT_VOCAB.special.unk;
  }
  return { ids, unknown };
}

async function readText(config: DatasetConfig): Promise<{ path: string; ids: Int32Array; unknown: number }> {
  // Templates name their sample text 'resources/samples/...': the app's bundled copy, not one under the cwd.
  const path = datasetPath(config);
  if (!path) throw new DatasetError('no text file given: set the Path option to a .txt file');
  const text = await readUserText(path, 'text');
  if (text.includes('\u0000')) throw new DatasetError('is not a text file (it contains NUL bytes)', path);
  return { path, ...tokenizeText(text) };
}

function layout(config: DatasetConfig, chars: number, path: string) {
  const context = intOptionValue(config, 'context');
  const stride = intOptionValue(config, 'stride') || context;
  if (context < 1 || stride < 1) throw new DatasetError(`context (${context}) and stride (${stride}) must be at least 1`);
  const testStart = Math.floor(chars * 0.9);
  const count = (len: number) => (len >= context + 1 ? Math.floor((len - context - 1) / stride) + 1 : 0);
  const train = count(testStart);
  const test = count(chars - testStart);
  if (train < 1) {
    throw new DatasetError(`has ${chars} characters: too short for samples of ${context + 1} characters (90% of it is for training)`, path);
  }
  return { context, stride, testStart, train, test };
}

function samples(ids: Int32Array, from: number, count: number, context: number, stride: number): TokenSamples {
  const x = new Int32Array(count * context);
  const y = new Int32Array(count * context);
  for (let n = 0; n < count; n++) {
    const s = from + n * stride;
    x.set(ids.subarray(s, s + context), n * context);
    y.set(ids.subarray(s + 1, s + context + 1), n * context);
  }
  return { count, inputs: { x: { ids: x, steps: context } }, target: { ids: y, steps: context } };
}

/**
 * Window order for buildTokenDataset: the validation windows (the last ones before the test part) first,
 * then the training windows in seeded random order, without the ones overlapping the validation stretch.
 */
export function charTextOrder(windows: number, context: number, stride: number, config: DatasetConfig): { order: number[]; train: number } {
  const { train, validation } = splitSizes(windows, config);
  const valStart = windows - validation;
  // Window k covers characters [k*stride, k*stride + context]; it must end before validation's first one starts.
  const lastClear = validation > 0 ? Math.floor((valStart * stride - context - 1) / stride) : windows - 1;
  const candidates = Math.max(0, Math.min(windows - validation, lastClear + 1));
  const shuffled = Array.from(permutation(candidates, config.seed));
  const val = Array.from({ length: validation }, (_, i) => valStart + i);
  const trainCount = Math.min(train, candidates);
  return { order: [...val, ...shuffled.slice(0, trainCount)], train: trainCount };
}

export async function loadCharText(config: DatasetConfig, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const { path, ids } = await readText(config);
  const l = layout(config, ids.length, path);
  const { order } = charTextOrder(l.train, l.context, l.stride, config);
  return buildTokenDataset({
    descriptor, config, vocab: TEXT_VOCAB.size, classNames: TEXT_VOCAB.chars,
    pool: samples(ids, 0, l.train, l.context, l.stride),
    test: l.test > 0 ? samples(ids, l.testStart, l.test, l.context, l.stride) : null,
    trainOrder: order,
  });
}

export async function describeCharText(config: DatasetConfig): Promise<DatasetShapes> {
  const { path, ids } = await readText(config);
  const l = layout(config, ids.length, path);
  return { ...datasetShapes(config), trainSize: charTextOrder(l.train, l.context, l.stride, config).train, testSize: l.test };
}
