// Evaluation after training: loss and metrics on the test split (validation when there is none),
// a confusion matrix and per-class accuracy, a gallery of predictions (misclassified first), predicted
// vs actual pairs for regression (and a per-step forecaster's forecast error), free-running decoding of
// teacher-forced encoder-decoders, and attention weights of Attention / MultiHeadAttention layers.
// Works batch by batch on the flat arrays, so no whole-split tensor is ever held.
import type * as tfTypes from '@tensorflow/tfjs';
import type { AttentionMaps, EvaluationResult, GalleryItem } from '../../shared/api';
import type { LossName } from '../../shared/graph/types';
import type { TensorData } from '../data/types';
import { ATTENTION_CLASSES, MAX_ATTENTION_SIDE, attentionWeightsFor } from '../engine/attention-weights';
import { batchTensor, type FitSplit } from './fit-loop';
import { DecodingStats, type FreeRunningOptions } from './evaluate-decoding';

type TF = typeof tfTypes;

export const GALLERY_SIZE = 32;
export const MAX_PAIRS = 200;
export const ATTENTION_SAMPLES = 3;
const MAX_GALLERY_TOKENS = 64;

export interface EvaluateOptions {
  split: 'test' | 'validation';
  loss: LossName;
  batchSize: number;
  /** The dataset's task; classification analysis also runs for any cross-entropy loss. */
  task?: 'classification' | 'regression' | 'sequence';
  classNames?: string[];
  /** Image datasets: the size of one image, for gallery pixels. */
  image?: { height: number; width: number; channels: number };
  /** tfjs layer name -> graph node id (for attention maps). */
  nodeIdOf?: (layerName: string) => string;
  /** Stop after this many ms and report on the samples done so far (noted). */
  timeLimitMs?: number;
  gallerySize?: number;
  /** A per-step forecaster: which output per sample is the forecast (its error is reported on its own). */
  forecastOutput?: { index: number; what: string };
  /** An encoder-decoder trained with teacher forcing: also decode free-running and compare. */
  freeRunning?: FreeRunningOptions;
}

function rowSize(t: TensorData | { shape: number[] }): number {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

function one<T>(list: T[]): T | T[] {
  return list.length === 1 ? list[0] : list;
}

type Mode = { kind: 'multiclass'; classes: number; sparse: boolean } | { kind: 'binary' } | { kind: 'regression' } | { kind: 'none'; why: string };

/** What analysis fits the first output, from the loss, the task and the output shape. */
function analysisMode(loss: LossName, task: EvaluateOptions['task'], outputShape: (number | null)[]): Mode {
  const last = outputShape[outputShape.length - 1] ?? 1;
  if (loss === 'sparseCategoricalCrossentropy') return { kind: 'multiclass', classes: last, sparse: true };
  if (loss === 'categoricalCrossentropy') return { kind: 'multiclass', classes: last, sparse: false };
  if (loss === 'binaryCrossentropy') {
    return last === 1 ? { kind: 'binary' } : { kind: 'none', why: `binary cross-entropy over ${last} outputs is multi-label: no confusion matrix` };
  }
  // MSE / MAE on a classification dataset with one-hot targets still has a predicted class.
  if (task === 'classification' && last > 1) return { kind: 'multiclass', classes: last, sparse: false };
  return { kind: 'regression' };
}

/** Per-sample bookkeeping for the gallery. */
interface SampleResult {
  index: number;
  correct: boolean;
  confidence: number;
  trueTokens: number[];
  predictedTokens: number[];
}

class ClassificationStats {
  readonly confusion: number[][];
  readonly samples: SampleResult[] = [];

  constructor(readonly classes: number) {
    this.confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  }

  /**
   * One batch: `pred` [b, positions, C] probabilities (C = 1 for binary), `truth` [b, positions] classes.
   */
  add(startIndex: number, b: number, positions: number, pred: Float32Array | Int32Array | Uint8Array, truth: number[], binary: boolean): void {
    const c = binary ? 1 : this.classes;
    for (let i = 0; i < b; i++) {
      let allCorrect = true;
      let confSum = 0;
      const trueTokens: number[] = [];
      const predictedTokens: number[] = [];
      for (let t = 0; t < positions; t++) {
        const base = (i * positions + t) * c;
        let cls: number;
        let conf: number;
        if (binary) {
          const p = pred[base];
          cls = p > 0.5 ? 1 : 0; // strict, as tfjs's binaryAccuracy
          conf = cls === 1 ? p : 1 - p;
        } else {
          cls = 0;
          conf = pred[base];
          for (let k = 1; k < c; k++) {
            if (pred[base + k] > conf) {
              conf = pred[base + k];
              cls = k;
            }
          }
        }
        const truthCls = truth[i * positions + t];
        if (truthCls >= 0 && truthCls < this.classes) this.confusion[truthCls][cls]++;
        if (truthCls !== cls) allCorrect = false;
        confSum += conf;
        trueTokens.push(truthCls);
        predictedTokens.push(cls);
      }
      this.samples.push({ index: startIndex + i, correct: allCorrect, confidence: confSum / positions, trueTokens, predictedTokens });
    }
  }
}

class RegressionStats {
  readonly pairs: { index: number; actual: number; predicted: number }[] = [];
  private n = 0;
  private absSum = 0;
  private sqSum = 0;
  private ySum = 0;
  private ySqSum = 0;
  /** The forecast output's errors (one value per sample). */
  private forecastN = 0;
  private forecastAbs = 0;
  private forecastSq = 0;
  outputsPerSample = 1;

  /** `forecast`: the position of the forecast among a sample's outputs; the pairs show it (default: the first). */
  constructor(private readonly forecast?: { index: number; what: string }) {}

  add(startIndex: number, b: number, pred: ArrayLike<number>, truth: ArrayLike<number>): void {
    const k = pred.length / b;
    this.outputsPerSample = k;
    for (let j = 0; j < pred.length; j++) {
      const e = pred[j] - truth[j];
      this.absSum += Math.abs(e);
      this.sqSum += e * e;
      this.ySum += truth[j];
      this.ySqSum += truth[j] * truth[j];
    }
    this.n += pred.length;
    const at = this.forecast && this.forecast.index < k ? this.forecast.index : 0;
    if (this.forecast) {
      for (let i = 0; i < b; i++) {
        const e = pred[i * k + at] - truth[i * k + at];
        this.forecastAbs += Math.abs(e);
        this.forecastSq += e * e;
      }
      this.forecastN += b;
    }
    for (let i = 0; i < b && this.pairs.length < MAX_PAIRS; i++) {
      this.pairs.push({ index: startIndex + i, actual: truth[i * k + at], predicted: pred[i * k + at] });
    }
  }

  result(): NonNullable<EvaluationResult['regression']> {
    const mean = this.ySum / this.n;
    const ssTot = this.ySqSum - this.n * mean * mean;
    const out: NonNullable<EvaluationResult['regression']> = {
      pairs: this.pairs,
      mae: this.absSum / this.n,
      rmse: Math.sqrt(this.sqSum / this.n),
      r2: ssTot > 0 ? 1 - this.sqSum / ssTot : NaN,
      outputsPerSample: this.outputsPerSample,
    };
    if (this.forecast && this.forecastN > 0) {
      const mse = this.forecastSq / this.forecastN;
      out.forecast = { what: this.forecast.what, mse, mae: this.forecastAbs / this.forecastN, rmse: Math.sqrt(mse) };
    }
    return out;
  }
}

/** True classes [b * positions] from a target batch. */
function trueClasses(y: Float32Array | Int32Array, b: number, positions: number, mode: Mode): number[] {
  const out = new Array<number>(b * positions);
  if (mode.kind === 'binary') {
    for (let j = 0; j < out.length; j++) out[j] = y[j] >= 0.5 ? 1 : 0;
  } else if (mode.kind === 'multiclass' && mode.sparse) {
    for (let j = 0; j < out.length; j++) out[j] = Math.round(y[j]);
  } else if (mode.kind === 'multiclass') {
    const c = mode.classes;
    for (let j = 0; j < out.length; j++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (y[j * c + k] > y[j * c + best]) best = k;
      out[j] = best;
    }
  }
  return out;
}

/** One sample's pixels scaled to 0..255 integers (min-max: works for every normalisation). */
function samplePixels(x: TensorData, index: number): number[] {
  const size = rowSize(x);
  const row = x.data.subarray(index * size, (index + 1) * size);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of row) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi > lo ? hi - lo : 1;
  return Array.from(row, (v) => Math.round(((v - lo) / span) * 255));
}

/** Token ids of a sample when the input is a token sequence: int [T], or one-hot [T, V] for sequence tasks. */
function sampleTokens(x: TensorData, index: number, task: EvaluateOptions['task']): number[] | undefined {
  const perSample = x.shape.slice(1);
  const size = rowSize(x);
  const row = x.data.subarray(index * size, (index + 1) * size);
  if (perSample.length === 1 && x.dtype === 'int32') return Array.from(row);
  if (perSample.length === 2 && task === 'sequence') {
    const [t, v] = perSample;
    return Array.from({ length: t }, (_, i) => {
      let best = 0;
      for (let k = 1; k < v; k++) if (row[i * v + k] > row[i * v + best]) best = k;
      return best;
    });
  }
  return undefined;
}

function pickGallery(samples: SampleResult[], size: number): SampleResult[] {
  // Misclassified first, the most confidently wrong leading; then correct ones, the least confident first.
  const wrong = samples.filter((s) => !s.correct).sort((a, b) => b.confidence - a.confidence);
  const right = samples.filter((s) => s.correct).sort((a, b) => a.confidence - b.confidence);
  return [...wrong, ...right].slice(0, size);
}

function attentionMaps(
  tf: TF,
  model: tfTypes.LayersModel,
  split: FitSplit,
  indices: number[],
  opts: EvaluateOptions,
  notes: string[],
): AttentionMaps[] {
  const transformers = model.layers.filter((l) => /Transformer/.test(l.getClassName()));
  if (transformers.length > 0) notes.push('Attention weights inside Transformer blocks are not extracted (only Attention and MultiHeadAttention layers).');
  if (indices.length === 0 || !model.layers.some((l) => ATTENTION_CLASSES[l.getClassName()])) return [];
  // The chosen samples as one small batch (rows copied in the chosen order).
  const order = Int32Array.from(indices);
  const xs = split.xs.map((t) => batchTensor(tf, t, order, 0, order.length));
  try {
    const tokens = indices.map((i) => sampleTokens(split.xs[0], i, opts.task));
    return attentionWeightsFor(tf, model, xs, notes).map((a) => ({
      nodeId: opts.nodeIdOf?.(a.layer) ?? a.layer,
      layer: a.layer,
      kind: a.kind,
      samples: indices.map((index, s) => ({ index, heads: a.samples[s] })),
      ...(tokens.every((t) => t) ? { tokens: tokens.map((t) => t!.slice(0, MAX_ATTENTION_SIDE)) } : {}),
    }));
  } finally {
    tf.dispose(xs);
  }
}

/**
 * Loss and metrics of one batch in model.metricsNames order, computed from the model's outputs with its
 * compiled loss and metric functions exactly as tfjs's own test function does (model.evaluate), so no
 * second forward pass is needed. Falls back to model.evaluate when those internals are not there.
 */
function batchMetrics(tf: TF, model: tfTypes.LayersModel, xs: tfTypes.Tensor[], ys: tfTypes.Tensor[], outputs: tfTypes.Tensor[]): number[] {
  const { lossFunctions, metricsTensors } = model;
  if (!Array.isArray(lossFunctions) || !Array.isArray(metricsTensors) || lossFunctions.length !== outputs.length) {
    const scalars = model.evaluate(one(xs), one(ys), { batchSize: xs[0].shape[0] });
    const list = Array.isArray(scalars) ? scalars : [scalars];
    const values = list.map((v) => v.dataSync()[0]);
    tf.dispose(list);
    return values;
  }
  const values = tf.tidy(() => {
    const out: tfTypes.Tensor[] = [];
    let total: tfTypes.Tensor | null = null;
    lossFunctions.forEach((fn, i) => {
      const loss = tf.mean(fn(ys[i], outputs[i]));
      total = total ? tf.add(total, loss) : loss;
      out.push(total); // cumulative, as tfjs's test function reports per-output losses
    });
    for (const [metric, outputIndex] of metricsTensors) out.push(tf.mean(metric(ys[outputIndex], outputs[outputIndex])));
    return out;
  });
  const numbers = values.map((v) => v.dataSync()[0]);
  tf.dispose(values);
  return numbers;
}

/** Evaluates a trained model on one split. Tensors it creates are disposed before it returns. */
export function evaluateModel(tf: TF, model: tfTypes.LayersModel, split: FitSplit, opts: EvaluateOptions): EvaluationResult {
  const t0 = performance.now();
  const notes: string[] = [];
  const names = model.metricsNames;
  const outputShape = model.outputs[0].shape;
  const mode = analysisMode(opts.loss, opts.task, outputShape);
  if (mode.kind === 'none') notes.push(mode.why);
  if (model.outputs.length > 1) notes.push(`The model has ${model.outputs.length} outputs; predictions are analysed for the first only.`);
  const binary = mode.kind === 'binary';
  const classes = mode.kind === 'multiclass' ? mode.classes : binary ? 2 : 0;
  const cls = classes > 0 ? new ClassificationStats(classes) : null;
  const reg = mode.kind === 'regression' ? new RegressionStats(opts.forecastOutput) : null;
  // Positions per sample with one class each: [T, C] outputs classify T tokens.
  const positions = mode.kind === 'multiclass' ? rowSize({ shape: outputShape as number[] }) / classes : rowSize({ shape: outputShape as number[] });
  let decoding: DecodingStats | null = null;
  if (opts.freeRunning) {
    if (cls && !binary && positions === opts.freeRunning.binding.steps) decoding = new DecodingStats(opts.freeRunning);
    else notes.push('No free-running decoding: the first output does not give one class per decoder step.');
  }

  const sums = new Array<number>(names.length).fill(0);
  let done = 0;
  const batchSize = Math.max(1, opts.batchSize);
  for (let start = 0; start < split.size; start += batchSize) {
    if (opts.timeLimitMs !== undefined && performance.now() - t0 > opts.timeLimitMs && done > 0) {
      notes.push(`Evaluated the first ${done} of ${split.size} samples (time limit ${Math.round(opts.timeLimitMs / 1000)} s).`);
      break;
    }
    const end = Math.min(split.size, start + batchSize);
    const b = end - start;
    const xs = split.xs.map((t) => batchTensor(tf, t, null, start, end));
    const ys = split.ys.map((t) => batchTensor(tf, t, null, start, end));
    try {
      // One forward pass gives both the predictions and (from them) the loss and metrics.
      const out = model.predict(one(xs)) as tfTypes.Tensor | tfTypes.Tensor[];
      const outputs = Array.isArray(out) ? out : [out];
      try {
        batchMetrics(tf, model, xs, ys, outputs).forEach((v, i) => (sums[i] += v * b));
        if (cls || reg) {
          const pred = outputs[0].dataSync() as Float32Array;
          const y = split.ys[0].data.subarray(start * rowSize(split.ys[0]), end * rowSize(split.ys[0]));
          if (cls) cls.add(start, b, positions, pred, trueClasses(y, b, positions, mode), binary);
          if (reg) reg.add(start, b, pred, y);
          if (decoding && cls) {
            const batch = cls.samples.slice(-b);
            decoding.add(tf, model, xs, start, batch.flatMap((r) => r.trueTokens), batch.flatMap((r) => r.predictedTokens));
          }
        }
      } finally {
        tf.dispose(outputs);
      }
    } finally {
      tf.dispose([...xs, ...ys]);
    }
    done = end;
  }

  const metrics: Record<string, number> = {};
  names.forEach((n, i) => (metrics[n] = sums[i] / done));
  const result: EvaluationResult = {
    split: opts.split,
    samples: done,
    loss: metrics.loss ?? NaN,
    metrics,
    notes,
    durationMs: 0,
  };

  let attentionIndices: number[] = Array.from({ length: Math.min(ATTENTION_SAMPLES, done) }, (_, i) => i);
  if (cls) {
    const total = cls.confusion.reduce((n, row) => n + row.reduce((a, v) => a + v, 0), 0);
    const correct = cls.confusion.reduce((n, row, i) => n + row[i], 0);
    const support = cls.confusion.map((row) => row.reduce((a, v) => a + v, 0));
    result.accuracy = metrics.acc ?? (total > 0 ? correct / total : NaN);
    const classNames = Array.from({ length: classes }, (_, i) => opts.classNames?.[i] ?? (binary ? ['0', '1'][i] : String(i)));
    result.classification = {
      classNames,
      confusion: cls.confusion,
      perClassAccuracy: cls.confusion.map((row, i) => (support[i] > 0 ? row[i] / support[i] : null)),
      support,
    };
    const picked = pickGallery(cls.samples, opts.gallerySize ?? GALLERY_SIZE);
    const image = opts.image && rowSize(split.xs[0]) === opts.image.height * opts.image.width * opts.image.channels ? opts.image : undefined;
    if (image) result.image = image;
    result.gallery = picked.map((s): GalleryItem => {
      const item: GalleryItem = { index: s.index, confidence: s.confidence, correct: s.correct };
      if (positions === 1) {
        item.trueClass = s.trueTokens[0];
        item.predictedClass = s.predictedTokens[0];
      } else {
        item.trueTokens = s.trueTokens.slice(0, MAX_GALLERY_TOKENS);
        item.predictedTokens = s.predictedTokens.slice(0, MAX_GALLERY_TOKENS);
      }
      if (image) item.pixels = samplePixels(split.xs[0], s.index);
      return item;
    });
    // Attention on the gallery's first samples: the misclassified ones are the interesting ones.
    attentionIndices = picked.slice(0, ATTENTION_SAMPLES).map((s) => s.index);
  }
  if (reg && done > 0) result.regression = reg.result();
  if (decoding && done > 0) result.decoding = decoding.result();

  try {
    const maps = attentionMaps(tf, model, split, attentionIndices, opts, notes);
    if (maps.length > 0) result.attention = maps;
  } catch (err) {
    notes.push(`Attention maps failed: ${(err as Error).message}`);
  }
  result.durationMs = performance.now() - t0;
  return result;
}
