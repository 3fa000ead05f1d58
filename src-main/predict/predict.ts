// A loaded run's model on one TryInput, answered the way the run's dataset calls for: class probabilities,
// generated text, a free-running translation with its attention, a forecast against the truth, a few-shot
// episode. Runs in the job worker (never the renderer or the host's main loop).
import type * as tfTypes from '@tensorflow/tfjs';
import type { PredictRequest, PredictResult, TryImage, TryInfo } from '../../shared/api';
import { intOptionValue } from '../../shared/data/catalog';
import { decodeIds, type CharVocab } from '../../shared/data/vocab';
import type { TensorData } from '../data/types';
import { attentionWeightsFor } from '../engine/attention-weights';
import { decoderBinding, greedyDecode } from '../engine/seq2seq-decode';
import { transformerAttentionFor } from './block-attention';
import { asDistribution, charOf, generateTokens } from './generate';
import type { LoadedTryRun } from './load-run';
import { layerNameFor } from '../../shared/graph/node-names';
import { TryInputError, prepareInput, preparedTensors, tokenRow, trySplit, tryModeOf, vocabularyOf, type PreparedInput, type TryRun } from './prepare-input';

type TF = typeof tfTypes;
type Run = TryRun & { model: tfTypes.LayersModel };

/** A tfjs layer as the canvas names its node: its label, else its kind (else the layer name). */
function layerLabel(run: Run, layer: string): string {
  const node = run.graph.nodes.find((n) => layerNameFor(n.id) === layer);
  return node ? (node.label?.trim() || node.kind) : layer;
}

export const DEFAULT_GENERATE = { count: 40, temperature: 1, topK: 0, seed: 1 };

export function tryInfo(run: LoadedTryRun): TryInfo {
  const { dataset } = run;
  const mode = tryModeOf(dataset);
  const found = trySplit(dataset);
  const vocab = vocabularyOf(dataset);
  const classNames = dataset.classNames ?? dataset.descriptor.classNames;
  const info: TryInfo = {
    runId: run.runId,
    mode,
    weights: run.weights,
    samples: found?.split.size ?? 0,
    split: found?.which ?? 'test',
    task: dataset.descriptor.task,
    ...(classNames && mode !== 'generate' && mode !== 'translate' ? { classNames } : {}),
  };
  if (dataset.imageScaling) {
    const { height, width, channels } = dataset.imageScaling;
    info.image = { height, width, channels };
  }
  if (vocab && (mode === 'generate' || mode === 'translate')) {
    info.vocabulary = vocab.chars.filter((c) => c !== '').join('');
    info.context = run.inputs.find((i) => i.feature === 'x')?.shape[0];
  }
  if (dataset.tabular) info.columns = dataset.tabular.columns;
  if (mode === 'forecast') info.series = { window: intOptionValue(dataset.config, 'window'), horizon: intOptionValue(dataset.config, 'horizon') };
  if (mode === 'episode') info.episode = { ways: intOptionValue(dataset.config, 'ways'), shots: intOptionValue(dataset.config, 'shots') };
  return info;
}

/** The model's first output for the prepared input, as a flat array (its shape without the batch axis). */
function runModel(tf: TF, model: tfTypes.LayersModel, prepared: PreparedInput): { values: Float32Array; shape: number[] } {
  const xs = preparedTensors(tf, prepared);
  try {
    return tf.tidy(() => {
      const out = model.predict(xs.length === 1 ? xs[0] : xs) as tfTypes.Tensor | tfTypes.Tensor[];
      const first = Array.isArray(out) ? out[0] : out;
      return { values: first.dataSync() as Float32Array, shape: first.shape.slice(1) as number[] };
    });
  } finally {
    tf.dispose(xs);
  }
}

/** Pixels 0..255 of an image the model read (undoing the training scaling when known, else stretching to 0..255). */
function displayImage(values: ArrayLike<number>, height: number, width: number, channels: number, scaling?: { offset: number[]; scale: number[] }): TryImage {
  const pixels = new Array<number>(height * width * channels);
  let lo = Infinity, hi = -Infinity;
  for (let p = 0; p < pixels.length; p++) { lo = Math.min(lo, values[p]); hi = Math.max(hi, values[p]); }
  for (let p = 0; p < pixels.length; p++) {
    const ch = p % channels;
    const raw = scaling ? values[p] / scaling.scale[ch] + scaling.offset[ch] : ((values[p] - lo) / (hi - lo || 1)) * 255;
    pixels[p] = Math.round(Math.min(255, Math.max(0, raw)));
  }
  return { width, height, channels, pixels };
}

/** Class ids of one sequence target row: int labels [T, 1] or one-hot [T, V]. */
function targetIds(t: TensorData, index: number): number[] {
  const [, steps, width] = t.shape;
  const per = steps * (width ?? 1);
  const row = t.data.subarray(index * per, (index + 1) * per);
  if (width === undefined || width === 1) return Array.from(row.subarray(0, steps), (v) => Math.round(v));
  return Array.from({ length: steps }, (_, s) => argmax(row.subarray(s * width, (s + 1) * width)));
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** Token ids held by a prepared token feature: ids [1, T] or one-hot [1, T, V]. */
function featureIds(f: TensorData): number[] {
  const [, steps, width] = f.shape;
  if (width === undefined) return Array.from(f.data, (v) => Math.round(v));
  return Array.from({ length: steps }, (_, s) => argmax(f.data.subarray(s * width, (s + 1) * width)));
}

function classes(tf: TF, run: Run, prepared: PreparedInput): PredictResult {
  const { values, shape } = runModel(tf, run.model, prepared);
  const { dataset } = run;
  if (dataset.descriptor.task === 'regression' || shape.length > 1) return stepsOrValues(run, prepared, values, shape);
  // A single sigmoid unit is a binary classifier: p(class 1) = output.
  const probabilities = shape[0] === 1 ? [1 - values[0], values[0]] : asDistribution(values);
  const names = dataset.classNames ?? dataset.descriptor.classNames ?? probabilities.map((_, i) => String(i));
  const result: PredictResult = {
    kind: 'classes',
    prediction: argmax(probabilities),
    probabilities,
    classNames: probabilities.map((_, i) => names[i] ?? String(i)),
    ...(prepared.sample?.classIndex !== undefined ? { truth: prepared.sample.classIndex } : {}),
  };
  const scaling = dataset.imageScaling;
  if (scaling && prepared.sample) result.image = displayImage(prepared.features[0].data, scaling.height, scaling.width, scaling.channels, scaling);
  return result;
}

function stepsOrValues(run: Run, prepared: PreparedInput, values: Float32Array, shape: number[]): PredictResult {
  const split = trySplit(run.dataset)?.split;
  const target = split?.targets.y;
  if (run.dataset.descriptor.task === 'regression' || shape.length === 1) {
    const truth = prepared.sample && target ? Array.from(sampleValues(target, prepared.sample.index)) : undefined;
    return { kind: 'values', values: Array.from(values), ...(truth ? { truth } : {}) };
  }
  const [steps, width] = shape;
  const vocab = vocabularyOf(run.dataset);
  const name = (id: number) => (vocab ? charOf(vocab, id) : String(id));
  const predicted = Array.from({ length: steps }, (_, s) => name(argmax(values.subarray(s * width, (s + 1) * width))));
  const truth = prepared.sample && target ? targetIds(target, prepared.sample.index).map(name) : undefined;
  return { kind: 'steps', predicted, ...(truth ? { truth } : {}) };
}

function sampleValues(t: TensorData, index: number): Float32Array | Int32Array {
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return t.data.subarray(index * per, (index + 1) * per);
}

function generation(tf: TF, run: Run, prepared: PreparedInput, req: Omit<PredictRequest, 'runId'>, vocab: CharVocab): PredictResult {
  const input = run.inputs[0];
  const start = prepared.text ? prepared.text.ids : featureIds(prepared.features[0]);
  const opts = { ...DEFAULT_GENERATE, ...req.generate };
  const out = generateTokens(tf, run.model, input, vocab, start, opts);
  const window = out.lastWindow;
  const position = window.length - 1;
  const row = tokenRow(window, input.shape, vocab.size);
  const xs = [tf.tensor(row.data, row.shape)];
  const tokens = window.map((id) => charOf(vocab, id));
  const attention: Extract<PredictResult, { kind: 'generation' }>['attention'] = [];
  try {
    for (const b of transformerAttentionFor(tf, run.model, xs)) {
      attention.push({ layer: `${layerLabel(run, b.layer)}: block ${b.block + 1}`, tokens, heads: b.heads.map((h) => h[position].slice(0, position + 1)) });
    }
    for (const a of attentionWeightsFor(tf, run.model, xs, [])) {
      const heads = a.samples[0].filter((h) => h.length > position).map((h) => h[position].slice(0, position + 1));
      if (heads.length > 0) attention.push({ layer: layerLabel(run, a.layer), tokens, heads });
    }
  } finally {
    tf.dispose(xs);
  }
  return { kind: 'generation', prompt: decodeIds(vocab, start), text: out.steps.map((s) => s.token).join(''), steps: out.steps, attention };
}

function translation(tf: TF, run: Run, prepared: PreparedInput, vocab: CharVocab): PredictResult {
  const tf0 = run.dataset.teacherForcing!;
  const binding = decoderBinding(run.model, run.inputs, tf0);
  const encoderIndex = run.inputs.findIndex((i) => i.feature !== tf0.feature);
  const encoderIds = featureIds(prepared.features[encoderIndex]);
  const xs = preparedTensors(tf, prepared);
  try {
    const tokens = greedyDecode(tf, run.model, xs, binding).tokens[0];
    const decoderRow = tokenRow([binding.startToken, ...tokens.slice(0, binding.steps - 1)], run.inputs[binding.decoderInput].shape, vocab.size);
    const withDecoder = xs.map((x, i) => (i === binding.decoderInput ? tf.tensor(decoderRow.data, decoderRow.shape) : x));
    const inputChars = encoderIds.map((id) => charOf(vocab, id));
    const outputChars = tokens.map((id) => charOf(vocab, id));
    let attention: Extract<PredictResult, { kind: 'translation' }>['attention'] = [];
    try {
      attention = attentionWeightsFor(tf, run.model, withDecoder, []).map((a) => {
        const weights = a.samples[0][0];
        const cols = weights[0]?.length === inputChars.length ? inputChars : outputChars;
        return { layer: layerLabel(run, a.layer), rows: outputChars.slice(0, weights.length), cols: cols.slice(0, weights[0]?.length ?? 0), weights };
      });
    } finally {
      tf.dispose(withDecoder[binding.decoderInput]);
    }
    const target = prepared.sample ? trySplit(run.dataset)?.split.targets.y : undefined;
    return {
      kind: 'translation',
      input: decodeIds(vocab, encoderIds),
      output: decodeIds(vocab, tokens),
      ...(target && prepared.sample ? { truth: decodeIds(vocab, targetIds(target, prepared.sample.index)) } : {}),
      attention,
    };
  } finally {
    tf.dispose(xs);
  }
}

function forecast(tf: TF, run: Run, prepared: PreparedInput, steps: number | undefined): PredictResult {
  const { split } = trySplit(run.dataset)!;
  const index = prepared.sample!.index;
  const window = [...prepared.features[0].data];
  const horizon = intOptionValue(run.dataset.config, 'horizon');
  const k = steps ?? horizon;
  const target = split.targets.y;
  const perStep = target.shape.length === 3;
  const firstAhead = (n: number) => target.data[perStep ? (n * window.length + window.length - 1) * horizon : n * horizon];
  const truth: number[] = [];
  for (let j = 0; j < k && index + j < split.size; j++) truth.push(firstAhead(index + j));
  // Roll forward: each prediction's values are appended to the window, which slides on.
  const values: number[] = [];
  let current = window.slice();
  while (values.length < k) {
    const data = Float32Array.from(current);
    const { values: out } = runModel(tf, run.model, { features: [{ data, shape: prepared.features[0].shape, dtype: 'float32' }], label: '' });
    const next = perStep ? Array.from(out.subarray((current.length - 1) * horizon, current.length * horizon)) : Array.from(out.subarray(0, horizon));
    const take = next.slice(0, k - values.length);
    values.push(...take);
    current = [...current.slice(take.length), ...take];
  }
  return { kind: 'forecast', history: window, forecast: values, truth };
}

function episode(tf: TF, run: Run, prepared: PreparedInput): PredictResult {
  if (!prepared.sample) throw new TryInputError('a few-shot model is tried on a held-out episode: pick a test sample');
  const ways = intOptionValue(run.dataset.config, 'ways');
  const x = prepared.features[0];
  const [, steps, width] = x.shape;
  const featureSize = width - ways;
  const side = Math.round(Math.sqrt(featureSize));
  const item = (t: number) => {
    const values = x.data.subarray(t * width, t * width + featureSize);
    return side * side === featureSize ? { image: displayImage(values, side, side, 1) } : { values: Array.from(values.subarray(0, 32)) };
  };
  const support = Array.from({ length: steps - 1 }, (_, t) => ({ label: argmax(x.data.subarray(t * width + featureSize, (t + 1) * width)), ...item(t) }));
  const { values } = runModel(tf, run.model, prepared);
  const probabilities = asDistribution(values);
  return {
    kind: 'episode',
    support,
    query: item(steps - 1),
    prediction: argmax(probabilities),
    probabilities,
    ...(prepared.sample.classIndex !== undefined ? { truth: prepared.sample.classIndex } : {}),
  };
}

/** The prediction for one request; a wrong input for the run throws TryInputError. */
export function predictRun(tf: TF, run: Run, req: Omit<PredictRequest, 'runId'>): PredictResult {
  const prepared = prepareInput(run, req.input);
  const mode = tryModeOf(run.dataset);
  const vocab = vocabularyOf(run.dataset);
  if (req.generate && mode !== 'generate') throw new TryInputError(`this run's model does not generate text (it is a ${mode} model); leave out the generation settings`);
  switch (mode) {
    case 'generate': return req.generate || req.input.kind === 'text' ? generation(tf, run, prepared, req, vocab!) : classes(tf, run, prepared);
    case 'translate': return translation(tf, run, prepared, vocab!);
    case 'forecast': return forecast(tf, run, prepared, req.steps);
    case 'episode': return episode(tf, run, prepared);
    default: return classes(tf, run, prepared);
  }
}
