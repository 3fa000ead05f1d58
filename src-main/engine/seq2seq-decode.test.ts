// Free-running decoding on a hand-built model whose next-token distribution depends only on the current decoder
// input token (a bigram table), so the right answers are known: greedy feeds back its own choices step by step,
// beam search finds the more probable sequence greedy misses, and translateText goes from text to text.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { CharVocab } from '../../shared/data/vocab';
import { beamDecode, decodeTokens, decoderBinding, encodeText, greedyDecode, translateText } from './seq2seq-decode';

// Tokens: 0 pad, 1 start, then the characters a, b, c, x, y.
const VOCAB: CharVocab = { chars: ['', '', 'a', 'b', 'c', 'x', 'y'], special: { pad: 0, start: 1 }, size: 7 };
const [START, A, B, C, X, Y] = [1, 2, 3, 4, 5, 6];
const V = VOCAB.size;
const STEPS = 3;
const ENC_STEPS = 4;

/** P(next | current): start -> a 0.59, b 0.4; a -> a, x, y 1/3 each; b -> c 0.9; anything else -> c 0.9. */
function bigram(): number[][] {
  const rows = Array.from({ length: V }, () => new Array<number>(V).fill(0.1 / (V - 1)));
  const set = (from: number, probs: Record<number, number>) => {
    const rest = 1 - Object.values(probs).reduce((a, b) => a + b, 0);
    rows[from] = Array.from({ length: V }, (_, k) => probs[k] ?? rest / (V - Object.keys(probs).length));
  };
  set(START, { [A]: 0.59, [B]: 0.4 }); // every entry > 0: a log(0) in the table would turn the product with one-hot inputs into NaN
  set(A, { [A]: 1 / 3 - 0.001, [X]: 1 / 3, [Y]: 1 / 3 - 0.001 });
  for (const t of [0, B, C, X, Y]) set(t, { [C]: 0.9 });
  return rows;
}

/** Inputs: encoder [4, V] (read, but with zero weight) and decoder [3, V] one-hot; output softmax(log P(. | decoder token)). */
function bigramModel(): tf.LayersModel {
  const enc = tf.input({ shape: [ENC_STEPS, V], name: 'enc' });
  const dec = tf.input({ shape: [STEPS, V], name: 'dec' });
  const logits = tf.layers.dense({ units: V, useBias: false, name: 'table' }).apply(dec) as tf.SymbolicTensor;
  const encSummary = tf.layers.globalAveragePooling1d({}).apply(enc) as tf.SymbolicTensor;
  const encTerm = tf.layers.repeatVector({ n: STEPS }).apply(tf.layers.dense({ units: V, name: 'enc_zero' }).apply(encSummary) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: 'softmax' }).apply(tf.layers.add().apply([logits, encTerm])) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [enc, dec], outputs: out });
  model.getLayer('table').setWeights([tf.tensor2d(bigram().map((row) => row.map(Math.log)))]);
  model.getLayer('enc_zero').setWeights([tf.zeros([V, V]), tf.zeros([V])]);
  return model;
}

let model: tf.LayersModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = bigramModel();
});

const binding = () => decoderBinding(model, [{ feature: 'x' }, { feature: 'decoder_in' }], { feature: 'decoder_in', startToken: START });

describe('free-running decoding', () => {
  it('reads the binding off the model: decoder input, steps, vocabulary, one-hot', () => {
    expect(binding()).toEqual({ decoderInput: 1, startToken: START, steps: STEPS, vocab: V, encoding: 'onehot' });
    expect(() => decoderBinding(model, [{ feature: 'x' }, { feature: 'y' }], { feature: 'decoder_in', startToken: START })).toThrow(/no model input reads the decoder feature 'decoder_in'/);
  });

  it('greedy feeds back its own choice: start -> a (0.59) -> x (1/3) -> c (0.9)', () => {
    const enc = tf.zeros([2, ENC_STEPS, V]);
    const r = greedyDecode(tf, model, [enc, enc], binding());
    expect(r.tokens).toEqual([[A, X, C], [A, X, C]]);
    expect(r.score[0]).toBeCloseTo((0.59 + 1 / 3 + 0.9) / 3, 4);
    enc.dispose();
  });

  it('beam search finds b, c, c (0.4 x 0.9 x 0.9 = 0.32), which greedy misses (0.59 x 1/3 x 0.9 = 0.18); width 1 is greedy', () => {
    const enc = tf.zeros([1, ENC_STEPS, V]);
    const beam = beamDecode(tf, model, [enc, enc], binding(), 3);
    expect(beam.tokens).toEqual([[B, C, C]]);
    expect(Math.exp(beam.score[0])).toBeCloseTo(0.4 * 0.9 * 0.9, 4);
    expect(beamDecode(tf, model, [enc, enc], binding(), 1).tokens).toEqual([[A, X, C]]);
    enc.dispose();
  });

  it('translateText: text in, text out, with beam search on request; unknown characters are named', () => {
    expect(translateText(tf, model, { binding: binding(), vocab: VOCAB, text: 'abc' }).text).toBe('axc');
    expect(translateText(tf, model, { binding: binding(), vocab: VOCAB, text: 'abc', beamWidth: 3 }).text).toBe('bcc');
    expect(() => translateText(tf, model, { binding: binding(), vocab: VOCAB, text: 'abz' })).toThrow(/'z' \(position 3\) is not in the model's vocabulary/);
    expect(() => translateText(tf, model, { binding: binding(), vocab: VOCAB, text: 'abcab' })).toThrow(/has 5 characters; the model reads at most 4/);
  });

  it('encodes and decodes text with padding', () => {
    expect(encodeText(VOCAB, 'ax', 4)).toEqual([A, X, 0, 0]);
    expect(decodeTokens(VOCAB, [START, A, 0, Y])).toBe('ay');
  });
});
