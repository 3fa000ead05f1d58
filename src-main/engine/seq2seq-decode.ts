// Free-running decoding of an encoder-decoder model trained with teacher forcing.
//
// In training the decoder input at step t is the TRUE previous character (teacher forcing). At inference there
// is no true output to feed, so the decoder must be fed its own previous predictions: start token, predict step 0,
// write that prediction into step 1 of the decoder input, predict step 1, and so on. Errors then compound (a
// wrong character is fed back and conditions everything after it), which teacher-forced accuracy never shows:
// the gap between the two is exposure bias.
//
// The functions run the trained tfjs model as it is, one full forward pass per output step with the decoder
// input filled up to that step. That is exact for decoders that read their input left to right (an LSTM decoder,
// attention from decoder steps to encoder steps, a causal Transformer decoder): the output at step t depends only
// on decoder inputs 0..t, so the not-yet-filled later steps cannot change it. It costs `steps` passes per sequence.
//
// Pure functions over a model and tensors: evaluation, a "try it" view and the CLI can all use them.
import type * as tfTypes from '@tensorflow/tfjs';
import type { CharVocab } from '../../shared/data/vocab';
import type { TF } from './types';
import { attentionWeightsFor } from './attention-weights';

/** How the decoder input of a model is laid out. */
export interface DecoderBinding {
  /** Index in model.inputs of the decoder input (the teacher-forcing feature). */
  decoderInput: number;
  /** Token fed at step 0. */
  startToken: number;
  /** Decoder steps (the decoder input's length, also the output length). */
  steps: number;
  /** Vocabulary size: the width of a one-hot step and of the output softmax. */
  vocab: number;
  /** One-hot steps [T, V] or token ids [T] (an Embedding reads them). */
  encoding: 'onehot' | 'ids';
}

export interface DecodedBatch {
  /** Predicted token ids per sample, `steps` each. */
  tokens: number[][];
  /** Per sample: the mean probability of the chosen tokens (greedy) or the sequence log-probability (beam). */
  score: number[];
}

/** The decoder binding of a built model whose input `feature` carries the teacher-forced decoder input. */
export function decoderBinding(
  model: tfTypes.LayersModel,
  inputs: { feature: string }[],
  teacherForcing: { feature: string; startToken: number },
): DecoderBinding {
  const decoderInput = inputs.findIndex((i) => i.feature === teacherForcing.feature);
  if (decoderInput < 0) throw new Error(`no model input reads the decoder feature '${teacherForcing.feature}'`);
  const shape = model.inputs[decoderInput].shape.slice(1);
  const out = model.outputs[0].shape.slice(1);
  const steps = shape[0];
  const vocab = out[out.length - 1];
  if (typeof steps !== 'number' || typeof vocab !== 'number' || out.length !== 2 || out[0] !== steps) {
    throw new Error(`free-running decoding needs an output [steps, vocabulary] as long as the decoder input; got input [${shape}] and output [${out}]`);
  }
  if (shape.length === 2 && shape[1] !== vocab) {
    throw new Error(`the decoder input's one-hot width ${shape[1]} differs from the output's vocabulary ${vocab}`);
  }
  return { decoderInput, startToken: teacherForcing.startToken, steps, vocab, encoding: shape.length === 2 ? 'onehot' : 'ids' };
}

/** Decoder input rows for `prefixes` (each starts with the start token; the rest of a row stays 0). */
function decoderTensor(tf: TF, b: DecoderBinding, prefixes: number[][]): tfTypes.Tensor {
  const n = prefixes.length;
  if (b.encoding === 'ids') {
    const data = new Float32Array(n * b.steps);
    prefixes.forEach((p, i) => p.forEach((tok, t) => (data[i * b.steps + t] = tok)));
    return tf.tensor2d(data, [n, b.steps]);
  }
  const data = new Float32Array(n * b.steps * b.vocab);
  prefixes.forEach((p, i) => p.forEach((tok, t) => (data[(i * b.steps + t) * b.vocab + tok] = 1)));
  return tf.tensor3d(data, [n, b.steps, b.vocab]);
}

/** Output probabilities [n, steps, vocab] for decoder prefixes, the other inputs as given (n rows each). */
function predictWith(tf: TF, model: tfTypes.LayersModel, others: tfTypes.Tensor[], b: DecoderBinding, prefixes: number[][]): Float32Array {
  const dec = decoderTensor(tf, b, prefixes);
  const xs = others.map((x, i) => (i === b.decoderInput ? dec : x));
  try {
    const out = model.predict(xs.length === 1 ? xs[0] : xs) as tfTypes.Tensor | tfTypes.Tensor[];
    const first = Array.isArray(out) ? out[0] : out;
    const data = first.dataSync() as Float32Array;
    tf.dispose(out);
    return data;
  } finally {
    dec.dispose();
  }
}

/**
 * Greedy decoding of a batch: at every step the most probable token, fed back as the next decoder input.
 * `inputs` are the model inputs in model order ([n, ...] each); the decoder input's entry is ignored.
 */
export function greedyDecode(tf: TF, model: tfTypes.LayersModel, inputs: tfTypes.Tensor[], b: DecoderBinding): DecodedBatch {
  const n = inputs[0].shape[0];
  const prefixes = Array.from({ length: n }, () => [b.startToken]);
  const tokens = Array.from({ length: n }, () => [] as number[]);
  const probSum = new Array<number>(n).fill(0);
  for (let t = 0; t < b.steps; t++) {
    const probs = predictWith(tf, model, inputs, b, prefixes);
    for (let i = 0; i < n; i++) {
      const base = (i * b.steps + t) * b.vocab;
      let best = 0;
      for (let k = 1; k < b.vocab; k++) if (probs[base + k] > probs[base + best]) best = k;
      tokens[i].push(best);
      probSum[i] += probs[base + best];
      if (t + 1 < b.steps) prefixes[i].push(best);
    }
  }
  return { tokens, score: probSum.map((s) => s / b.steps) };
}

interface Hypothesis {
  tokens: number[];
  logProb: number;
}

/**
 * Beam search: keeps the `width` most probable partial outputs per sample (sum of log-probabilities) and returns
 * the best complete one. Width 1 is greedy decoding. One forward pass per step over all hypotheses of the batch.
 */
export function beamDecode(tf: TF, model: tfTypes.LayersModel, inputs: tfTypes.Tensor[], b: DecoderBinding, width: number): DecodedBatch {
  const n = inputs[0].shape[0];
  const beams: Hypothesis[][] = Array.from({ length: n }, () => [{ tokens: [], logProb: 0 }]);
  for (let t = 0; t < b.steps; t++) {
    // Every hypothesis of every sample as one row; the non-decoder inputs repeated per hypothesis.
    const owner: number[] = [];
    beams.forEach((hs, i) => hs.forEach(() => owner.push(i)));
    const index = tf.tensor1d(owner, 'int32');
    const tiled = inputs.map((x, k) => (k === b.decoderInput ? x : tf.gather(x, index)));
    let probs: Float32Array;
    try {
      probs = predictWith(tf, model, tiled, b, beams.flatMap((hs) => hs.map((h) => [b.startToken, ...h.tokens])));
    } finally {
      tf.dispose([index, ...tiled.filter((x, k) => k !== b.decoderInput)]);
    }
    let row = 0;
    for (let i = 0; i < n; i++) {
      const candidates: Hypothesis[] = [];
      for (const h of beams[i]) {
        const base = (row++ * b.steps + t) * b.vocab;
        for (let k = 0; k < b.vocab; k++) {
          candidates.push({ tokens: [...h.tokens, k], logProb: h.logProb + Math.log(Math.max(probs[base + k], 1e-30)) });
        }
      }
      candidates.sort((x, y) => y.logProb - x.logProb);
      beams[i] = candidates.slice(0, Math.max(1, width));
    }
  }
  return { tokens: beams.map((hs) => hs[0].tokens), score: beams.map((hs) => hs[0].logProb) };
}

/** Character ids of `text` for a fixed-length one-hot or id input, padded with `pad`; throws naming a character the vocabulary lacks. */
export function encodeText(vocab: CharVocab, text: string, length: number, pad = 0): number[] {
  if (text.length > length) throw new Error(`'${text}' has ${text.length} characters; the model reads at most ${length}`);
  const first = Object.keys(vocab.special).length;
  return Array.from({ length }, (_, i) => {
    const ch = text[i];
    if (ch === undefined) return pad;
    const id = vocab.chars.indexOf(ch, first);
    if (id < 0) throw new Error(`'${ch}' (position ${i + 1}) is not in the model's vocabulary`);
    return id;
  });
}

/** Ids -> text, special tokens (pad, start, end) dropped. */
export function decodeTokens(vocab: CharVocab, ids: number[]): string {
  return ids.map((id) => vocab.chars[id] ?? '').join('');
}

/**
 * Translates one string with a trained encoder-decoder (two inputs: the encoder's and the decoder's): encodes it
 * into the encoder input, decodes free-running (greedy, or beam search with `beamWidth` > 1) and returns the text,
 * the token ids, and the attention weights of the decoded sequence when the model has attention layers
 * (per layer: [decoder steps][encoder steps]). For the try view and the CLI.
 */
export function translateText(
  tf: TF,
  model: tfTypes.LayersModel,
  opts: { binding: DecoderBinding; vocab: CharVocab; text: string; pad?: number; beamWidth?: number },
): { text: string; tokens: number[]; score: number; attention: { layer: string; weights: number[][] }[] } {
  const { binding: b, vocab } = opts;
  if (model.inputs.length !== 2) throw new Error(`translateText needs a model with an encoder and a decoder input; this one has ${model.inputs.length} inputs`);
  const encoderInput = 1 - b.decoderInput;
  const shape = model.inputs[encoderInput].shape.slice(1);
  const length = shape[0];
  if (typeof length !== 'number') throw new Error('the encoder input has no fixed length');
  const ids = encodeText(vocab, opts.text, length, opts.pad ?? 0);
  const enc = tf.tidy(() => (shape.length === 2 ? tf.oneHot(tf.tensor1d(ids, 'int32'), shape[1] as number).toFloat().expandDims(0) : tf.tensor2d([ids], [1, length])));
  // The decoder slot is replaced while decoding; any tensor of one row fills it until then.
  const inputs = encoderInput === 0 ? [enc, enc] : [enc, enc];
  try {
    const r = (opts.beamWidth ?? 1) > 1 ? beamDecode(tf, model, inputs, b, opts.beamWidth!) : greedyDecode(tf, model, inputs, b);
    const tokens = r.tokens[0];
    // Attention while reading the decoded text: the decoder input is the start token then the output shifted right.
    const dec = decoderTensor(tf, b, [[b.startToken, ...tokens.slice(0, b.steps - 1)]]);
    const xs = encoderInput === 0 ? [enc, dec] : [dec, enc];
    let attention: { layer: string; weights: number[][] }[];
    try {
      attention = attentionWeightsFor(tf, model, xs, []).map((a) => ({ layer: a.layer, weights: a.samples[0][0] }));
    } finally {
      dec.dispose();
    }
    return { text: decodeTokens(vocab, tokens), tokens, score: r.score[0], attention };
  } finally {
    enc.dispose();
  }
}
