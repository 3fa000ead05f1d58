// Text generation with a trained character model: predict the next character's distribution at the last
// position, reshape it with the temperature and top-k, draw one from a seeded generator, append it, slide the
// window, repeat. Same seed, same text; top-k 1 always takes the most probable character (greedy).
import type * as tfTypes from '@tensorflow/tfjs';
import type { ClassProbability, GenerateOptions, GenerationStep } from '../../shared/api';
import type { CharVocab } from '../../shared/data/vocab';
import { makeRng } from '../../shared/data/random';
import { tokenRow, type TryModelInput } from './prepare-input';

/** Entries of each step's distribution kept for display. */
export const TOP_SHOWN = 8;

/** A row of model outputs as probabilities: kept when it already is a distribution (softmax), else softmaxed. */
export function asDistribution(row: ArrayLike<number>): number[] {
  const values = Array.from(row);
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3) return values.map((v) => v / sum);
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The distribution a token is drawn from: p^(1/temperature), only the k most probable (k = 0: all), renormalised. */
export function samplingDistribution(probs: number[], temperature: number, topK: number): number[] {
  const logits = probs.map((p) => Math.log(Math.max(p, 1e-30)) / temperature);
  let keep = logits.map((_, i) => i);
  if (topK > 0 && topK < probs.length) keep = keep.sort((a, b) => logits[b] - logits[a] || a - b).slice(0, topK);
  const max = Math.max(...keep.map((i) => logits[i]));
  const out = new Array<number>(probs.length).fill(0);
  let total = 0;
  for (const i of keep) total += out[i] = Math.exp(logits[i] - max);
  return out.map((v) => v / total);
}

/** Index drawn from `dist` with one number from `rng`. */
export function drawFrom(dist: number[], rng: () => number): number {
  const r = rng();
  let acc = 0;
  for (let i = 0; i < dist.length; i++) {
    acc += dist[i];
    if (r < acc && dist[i] > 0) return i;
  }
  return dist.reduce((best, p, i) => (p > dist[best] ? i : best), 0);
}

export function charOf(vocab: CharVocab, id: number): string {
  const ch = vocab.chars[id];
  return ch === undefined || ch === '' ? '\uFFFD' : ch;
}

/** The `n` most probable entries of `dist`, and the picked one after them when it is not among those. */
export function topEntries(dist: number[], vocab: CharVocab, picked: number, n = TOP_SHOWN): ClassProbability[] {
  const ranked = dist.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || a.i - b.i);
  const top = ranked.slice(0, n);
  if (!top.some((e) => e.i === picked)) top.push({ p: dist[picked], i: picked });
  return top.map(({ p, i }) => ({ name: charOf(vocab, i), p }));
}

export interface Generated {
  ids: number[];
  steps: GenerationStep[];
  /** The window that predicted the last generated token, and the position read. */
  lastWindow: number[];
}

/**
 * Continues `start` (token ids) by `opts.count` tokens. `input` is the model's only input (ids [T] or one-hot
 * [T, V]); the model's output is [T, V] next-token probabilities per position.
 */
export function generateTokens(tf: typeof tfTypes, model: tfTypes.LayersModel, input: TryModelInput, vocab: CharVocab, start: number[], opts: GenerateOptions): Generated {
  const steps: GenerationStep[] = [];
  const ids = [...start];
  const context = input.shape[0];
  const rng = makeRng(opts.seed);
  let lastWindow = ids.slice(-context);
  for (let n = 0; n < opts.count; n++) {
    const window = ids.slice(-context);
    const position = window.length - 1;
    const row = tokenRow(window, input.shape, vocab.size);
    const probs = tf.tidy(() => {
      const out = model.predict(tf.tensor(row.data, row.shape)) as tfTypes.Tensor;
      const [, , width] = out.shape as number[];
      return out.slice([0, position, 0], [1, 1, width]).dataSync();
    });
    const dist = samplingDistribution(asDistribution(probs), opts.temperature, opts.topK);
    const pick = opts.topK === 1 ? dist.indexOf(Math.max(...dist)) : drawFrom(dist, rng);
    steps.push({ token: charOf(vocab, pick), p: dist[pick], top: topEntries(dist, vocab, pick) });
    lastWindow = window;
    ids.push(pick);
  }
  return { ids: ids.slice(start.length), steps, lastWindow };
}
