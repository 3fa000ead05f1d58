// One TryInput -> the model's input tensors, prepared exactly as training prepared its data: a test sample is
// copied from the loaded split; a drawn image gets the training split's pixel scaling and the model's
// representation; text goes through the dataset's vocabulary (and padding); typed table values through the CSV's
// one-hot and standardisation. Pure apart from the tensor helper: the Try panel, the look-inside views and
// `layerlab predict` all start here. A wrong input for the run gets a TryInputError naming what to do instead.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import type { TryInput } from '../../shared/try-input';
import type { TryMode } from '../../shared/api';
import { ADDITION_VOCAB, DATE_VOCAB, DIGIT_NAME_VOCAB, TEXT_VOCAB, type CharVocab } from '../../shared/data/vocab';
import { optionValue } from '../../shared/data/catalog';
import type { DatasetSplit, LoadedDataset, TensorData } from '../data/types';

/** A wrong input for this run's model (the caller's to fix): the message says what would fit. */
export class TryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TryInputError';
  }
}

/** One model input: the graph's Input node, the dataset feature it reads and its shape without the batch axis. */
export interface TryModelInput {
  nodeId: string;
  feature: string;
  shape: number[];
}

/** A loaded run as the try and look-inside computations need it (see load-run.ts). */
export interface TryRun {
  runId: string;
  graph: GraphFile;
  dataset: LoadedDataset;
  /** In model.inputs order. */
  inputs: TryModelInput[];
}

export interface PreparedInput {
  /** One per model input (TryRun.inputs order), each a batch of one: shape [1, ...input shape]. */
  features: TensorData[];
  /** What was put in, for messages: "test sample 12", "a drawn 28x28 image", "the text 'abc'". */
  label: string;
  /** A sample of a split: its index, the split and its true class when the task has classes. */
  sample?: { index: number; split: 'test' | 'validation'; classIndex?: number };
  /**
   * Text for a character model: the token ids placed in the window (at most the context, the last ones of a
   * longer prompt) and the position whose output predicts the next token (the last placed one).
   */
  text?: { ids: number[]; position: number };
}

/** Character vocabularies of the datasets whose inputs are text. */
const VOCABS: Record<string, CharVocab> = {
  'char-text': TEXT_VOCAB,
  'date-translation': DATE_VOCAB,
  addition: ADDITION_VOCAB,
  'mnist-digit-names': DIGIT_NAME_VOCAB,
};

export function vocabularyOf(dataset: LoadedDataset): CharVocab | undefined {
  return VOCABS[dataset.config.id];
}

/** The kind of Try panel a run's dataset calls for. */
export function tryModeOf(dataset: LoadedDataset): TryMode {
  const id = dataset.config.id;
  if (dataset.teacherForcing) return 'translate';
  if (id === 'char-text') return 'generate';
  if (id === 'time-series') return 'forecast';
  if (id.startsWith('fewshot-')) return 'episode';
  if (dataset.tabular) return 'tabular';
  if (dataset.imageScaling) return 'image';
  return 'sample';
}

/** The split samples are tried from: the test split, else validation (as the evaluation after training does). */
export function trySplit(dataset: LoadedDataset): { split: DatasetSplit; which: 'test' | 'validation' } | null {
  if (dataset.test && dataset.test.size > 0) return { split: dataset.test, which: 'test' };
  if (dataset.validation && dataset.validation.size > 0) return { split: dataset.validation, which: 'validation' };
  return null;
}

const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Row `index` of a split's tensor as a batch of one. */
export function sampleRow(t: TensorData, index: number): TensorData {
  const per = product(t.shape.slice(1));
  const data = t.data.slice(index * per, (index + 1) * per);
  return { data, shape: [1, ...t.shape.slice(1)], dtype: t.dtype };
}

const MODE_INPUTS: Record<TryMode, string> = {
  image: 'an image (draw one, drop a file) or a test sample',
  generate: 'a text prompt or a test sample',
  translate: 'a text to translate or a test sample',
  forecast: 'a window of the test series or a test sample',
  episode: 'a held-out episode (a test sample)',
  tabular: 'feature values or a test sample',
  sample: 'a test sample',
};

function wrongKind(run: TryRun, what: string): TryInputError {
  const d = run.dataset.descriptor;
  return new TryInputError(`this run's model reads ${describeData(run)} (dataset '${d.name}'), not ${what}: give it ${MODE_INPUTS[tryModeOf(run.dataset)]}`);
}

function describeData(run: TryRun): string {
  switch (tryModeOf(run.dataset)) {
    case 'image': return 'images';
    case 'generate':
    case 'translate': return 'text';
    case 'forecast': return 'a time series';
    case 'episode': return 'few-shot episodes';
    case 'tabular': return 'table rows';
    default: return 'sequences';
  }
}

/** The model input reading `feature`, or a clear error. */
function inputReading(run: TryRun, feature: string): { input: TryModelInput; index: number } {
  const index = run.inputs.findIndex((i) => i.feature === feature);
  if (index < 0) throw new TryInputError(`the model has no input that reads the feature '${feature}' (it reads: ${run.inputs.map((i) => i.feature).join(', ')})`);
  return { input: run.inputs[index], index };
}

function prepareSample(run: TryRun, index: number, label: string): PreparedInput {
  const found = trySplit(run.dataset);
  if (!found) throw new TryInputError('the dataset has neither a test nor a validation split to pick a sample from');
  const { split, which } = found;
  if (!Number.isInteger(index) || index < 0 || index >= split.size) {
    throw new TryInputError(`${label} ${index} is out of range: the ${which} split has ${split.size} samples (0..${split.size - 1})`);
  }
  const features = run.inputs.map(({ feature }) => {
    const t = split.features[feature];
    if (!t) throw new TryInputError(`the ${which} split has no feature '${feature}' (it has: ${Object.keys(split.features).join(', ')})`);
    return sampleRow(t, index);
  });
  const classIndex = split.classes?.[index];
  return { features, label: `${which} sample ${index}`, sample: { index, split: which, ...(classIndex !== undefined ? { classIndex } : {}) } };
}

function prepareImage(run: TryRun, input: Extract<TryInput, { kind: 'image' }>): PreparedInput {
  const scaling = run.dataset.imageScaling;
  if (!scaling) throw wrongKind(run, 'an image');
  const { width, height, channels, pixels } = input;
  if (width !== scaling.width || height !== scaling.height || channels !== scaling.channels) {
    throw new TryInputError(
      `the model reads ${scaling.width}x${scaling.height} images with ${scaling.channels} channel${scaling.channels > 1 ? 's' : ''}; ` +
        `this one is ${width}x${height} with ${channels}: scale it to ${scaling.width}x${scaling.height} first`,
    );
  }
  const count = width * height * channels;
  if (!Array.isArray(pixels) || pixels.length !== count) {
    throw new TryInputError(`a ${width}x${height}x${channels} image has ${count} pixel values; got ${Array.isArray(pixels) ? pixels.length : 'none'}`);
  }
  const { input: modelInput } = inputReading(run, 'x');
  if (product(modelInput.shape) !== count) {
    throw new TryInputError(`the model's input [${modelInput.shape}] does not hold a ${width}x${height}x${channels} image`);
  }
  // The same per-channel scaling training applied (images.ts gatherPixels), in the same HWC order.
  const data = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    const v = pixels[p];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 255) {
      throw new TryInputError(`pixel ${p} is ${String(v)}; pixel values must be numbers from 0 to 255`);
    }
    const ch = p % channels;
    data[p] = (v - scaling.offset[ch]) * scaling.scale[ch];
  }
  return { features: [{ data, shape: [1, ...modelInput.shape], dtype: 'float32' }], label: `a ${width}x${height} image` };
}

/** Token ids of `text` in `vocab`; a character it lacks is an error naming it and its position. */
export function textIds(vocab: CharVocab, text: string): number[] {
  const first = Object.keys(vocab.special).length;
  const clean = text.replace(/\r\n?/g, '\n');
  return Array.from(clean, (ch, i) => {
    const id = vocab.chars.indexOf(ch, first);
    if (id < 0) {
      const shown = ch === '\n' ? 'a line break' : `'${ch}'`;
      throw new TryInputError(`${shown} (character ${i + 1} of the text) is not in the model's vocabulary: it knows ${describeVocab(vocab)}`);
    }
    return id;
  });
}

export function describeVocab(vocab: CharVocab): string {
  if (vocab === TEXT_VOCAB) return 'printable ASCII characters and line breaks';
  const chars = vocab.chars.filter((c) => c !== '');
  return `only ${chars.map((c) => (c === ' ' ? 'space' : c)).join(' ')}`;
}

/** One token row of length `steps`, as ids [1, T] or one-hot [1, T, V] like the input's shape says. */
export function tokenRow(ids: number[], shape: number[], vocabSize: number): TensorData {
  const steps = shape[0];
  if (shape.length === 1) {
    const data = new Float32Array(steps);
    ids.forEach((id, t) => (data[t] = id));
    return { data, shape: [1, steps], dtype: 'float32' };
  }
  const width = shape[1];
  if (width !== vocabSize) throw new TryInputError(`the model's input is one-hot over ${width} tokens but the vocabulary has ${vocabSize}`);
  const data = new Float32Array(steps * width);
  ids.forEach((id, t) => (data[t * width + id] = 1));
  return { data, shape: [1, steps, width], dtype: 'float32' };
}

function prepareText(run: TryRun, text: string): PreparedInput {
  const vocab = vocabularyOf(run.dataset);
  const mode = tryModeOf(run.dataset);
  if (!vocab || (mode !== 'generate' && mode !== 'translate')) throw wrongKind(run, 'text');
  if (typeof text !== 'string' || text.length === 0) throw new TryInputError('the text is empty: type a few characters');
  const ids = textIds(vocab, text);
  const { input, index } = inputReading(run, 'x');
  const steps = input.shape[0];
  if (mode === 'generate') {
    // The last `steps` characters at positions 0.., the rest zeros: a causal (or left-to-right) model's output at
    // the last placed position depends only on what comes before it.
    const placed = ids.slice(-steps);
    const features = run.inputs.map((_, i) => (i === index ? tokenRow(placed, input.shape, vocab.size) : zeros(run.inputs[i].shape)));
    const cut = ids.length > steps ? ` (its last ${steps} characters: the model reads ${steps} at once)` : '';
    return { features, label: `the text '${shorten(text)}'${cut}`, text: { ids: placed, position: placed.length - 1 } };
  }
  // Seq2seq: the encoder input padded like the training data (after the text, or before it); the decoder input
  // starts with the start token and is filled step by step by the decoding.
  if (ids.length > steps) throw new TryInputError(`'${shorten(text)}' has ${ids.length} characters; the model reads at most ${steps}`);
  const pad = vocab.special.pad ?? 0;
  const padFirst = optionValue(run.dataset.config, 'padding') === 'before';
  const row = padFirst ? [...Array(steps - ids.length).fill(pad), ...ids] : [...ids, ...Array(steps - ids.length).fill(pad)];
  const decoder = run.dataset.teacherForcing!;
  const features = run.inputs.map((inp, i) => {
    if (i === index) return tokenRow(row, inp.shape, vocab.size);
    if (inp.feature === decoder.feature) return tokenRow([decoder.startToken], inp.shape, vocab.size);
    return zeros(inp.shape);
  });
  return { features, label: `the text '${shorten(text)}'`, text: { ids: row, position: steps - 1 } };
}

function zeros(shape: number[]): TensorData {
  return { data: new Float32Array(product(shape)), shape: [1, ...shape], dtype: 'float32' };
}

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s).replace(/\n/g, '\\n');

function prepareSeries(run: TryRun, start: number): PreparedInput {
  if (tryModeOf(run.dataset) !== 'forecast') throw wrongKind(run, 'a time-series window');
  const prepared = prepareSample(run, start, 'window');
  return { ...prepared, label: `the test series window starting at ${start}` };
}

function prepareFeatures(run: TryRun, values: number[]): PreparedInput {
  const tab = run.dataset.tabular;
  if (!tab) throw wrongKind(run, 'table values');
  if (!Array.isArray(values) || values.length !== tab.columns.length) {
    throw new TryInputError(`give one value per feature column (${tab.columns.length}: ${tab.columns.map((c) => c.name).join(', ')}); got ${Array.isArray(values) ? values.length : 'none'}`);
  }
  const row: number[] = [];
  tab.columns.forEach((c, i) => {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TryInputError(`column '${c.name}': ${String(v)} is not a number`);
    if (c.kind === 'number') {
      row.push(v);
      return;
    }
    if (!Number.isInteger(v) || v < 0 || v >= c.categories.length) {
      throw new TryInputError(`column '${c.name}' is a category: give the index of one of ${c.categories.map((x, k) => `${k}=${x}`).join(', ')}; got ${v}`);
    }
    c.categories.forEach((_, k) => row.push(k === v ? 1 : 0));
  });
  const { input } = inputReading(run, 'x');
  if (product(input.shape) !== row.length) throw new TryInputError(`the model's input [${input.shape}] does not hold ${row.length} expanded feature values`);
  const data = Float32Array.from(row, (v, j) => (v - tab.offset[j]) * tab.scale[j]);
  return { features: [{ data, shape: [1, ...input.shape], dtype: 'float32' }], label: 'the typed feature values' };
}

/** `input` as the run's model input; throws TryInputError when it does not fit the run. */
export function prepareInput(run: TryRun, input: TryInput): PreparedInput {
  if (typeof input !== 'object' || input === null) throw new TryInputError('no input given');
  switch (input.kind) {
    case 'sample': return prepareSample(run, input.index, 'sample');
    case 'image': return prepareImage(run, input);
    case 'text': return prepareText(run, input.text);
    case 'series': return prepareSeries(run, input.start);
    case 'features': return prepareFeatures(run, input.values);
    default: throw new TryInputError(`unknown input kind '${String((input as { kind?: unknown }).kind)}'`);
  }
}

/** The prepared input as tensors in model.inputs order; the caller disposes them. */
export function preparedTensors(tf: typeof tfTypes, prepared: PreparedInput): tfTypes.Tensor[] {
  return prepared.features.map((f) => tf.tensor(f.data, f.shape, f.dtype));
}
