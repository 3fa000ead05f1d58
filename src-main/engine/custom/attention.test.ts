// The attention maths against a plain-JS reference, causal masking, hard attention and its gradient.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { AttentionLayer } from './attention';
import { layerNorm } from './transformer';
import { getLayerDef, withDefaults } from '../../../shared/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Mat = number[][];
const matMulJs = (a: Mat, b: Mat): Mat => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transposeJs = (a: Mat): Mat => a[0].map((_, j) => a.map((row) => row[j]));
const softmaxRows = (a: Mat): Mat =>
  a.map((row) => {
    const m = Math.max(...row);
    const e = row.map((x) => Math.exp(x - m));
    const s = e.reduce((p, x) => p + x, 0);
    return e.map((x) => x / s);
  });

/** softmax(Q K^T / sqrt(d_k)) V with plain arrays; `causal` zeroes weights above the diagonal. */
function referenceAttention(q: Mat, k: Mat, v: Mat, causal = false): { out: Mat; weights: Mat } {
  const dk = k[0].length;
  const scores = matMulJs(q, transposeJs(k)).map((row, i) => row.map((x, j) => (causal && j > i ? -Infinity : x / Math.sqrt(dk))));
  const weights = softmaxRows(scores);
  return { out: matMulJs(weights, v), weights };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296 - 0.5;
  };
}
const randMat = (rows: number, cols: number, rnd: () => number): Mat => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rnd() * 2));

function runAttention(layer: AttentionLayer, q: Mat, v: Mat, k?: Mat): tf.Tensor[] {
  const ins = [q, v, ...(k ? [k] : [])].map((m) => tf.tensor3d([m]));
  const out = layer.apply(ins) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

const closeTo = (actual: number[][], expected: Mat, tol = 1e-5) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - expected[i][j])).toBeLessThan(tol)));
};

describe('Attention layer maths', () => {
  const rnd = seeded(7);
  const q = randMat(3, 4, rnd);
  const k = randMat(5, 4, rnd);
  const v = randMat(5, 2, rnd);

  it('scaled score equals softmax(QK^T / sqrt(d_k)) V computed by hand', () => {
    const ref = referenceAttention(q, k, v);
    const [out, weights] = runAttention(new AttentionLayer({ score: 'scaled', returnScores: true }), q, v, k);
    expect(out.shape).toEqual([1, 3, 2]);
    expect(weights.shape).toEqual([1, 3, 5]);
    closeTo((out.arraySync() as number[][][])[0], ref.out);
    closeTo((weights.arraySync() as number[][][])[0], ref.weights);
  });

  it('dot score omits the scaling; key defaults to value', () => {
    const kv = randMat(5, 4, rnd);
    const ref = referenceAttention(q.map((r) => r.map((x) => x * 2)), kv, kv); // sqrt(4) = 2 undoes the scaling
    const [out] = runAttention(new AttentionLayer({ score: 'dot' }), q, kv);
    closeTo((out.arraySync() as number[][][])[0], ref.out);
  });

  it('causal mask hides the future: zero weights above the diagonal, past outputs unchanged when future changes', () => {
    const x = randMat(4, 3, rnd);
    const layer = new AttentionLayer({ score: 'scaled', causal: true, returnScores: true });
    const [out, weights] = runAttention(layer, x, x);
    const w = (weights.arraySync() as number[][][])[0];
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(w[i][j]).toBe(0);
    closeTo((out.arraySync() as number[][][])[0], referenceAttention(x, x, x, true).out);
    // Perturb the last two steps of keys and values only: outputs of steps 0 and 1 must not move.
    const perturbed = x.map((row, t) => (t >= 2 ? row.map((e) => e + 5) : row));
    const [out2] = runAttention(layer, x, perturbed);
    const a = (out.arraySync() as number[][][])[0];
    const b = (out2.arraySync() as number[][][])[0];
    expect(b.slice(0, 2)).toEqual(a.slice(0, 2));
    expect(Math.abs(b[3][0] - a[3][0])).toBeGreaterThan(1e-3); // the last step does see the change
  });

  it('hard mode: one-hot weights forward, non-zero gradient to the query (straight-through)', () => {
    const layer = new AttentionLayer({ score: 'scaled', mode: 'hard', returnScores: true });
    const [out, weights] = runAttention(layer, q, v, k);
    const w = (weights.arraySync() as number[][][])[0];
    const soft = referenceAttention(q, k, v).weights;
    w.forEach((row, i) => {
      expect(row.filter((x) => x === 1).length).toBe(1);
      expect(row.filter((x) => x === 0).length).toBe(row.length - 1);
      expect(row.indexOf(1)).toBe(soft[i].indexOf(Math.max(...soft[i])));
    });
    // The output is the selected value row.
    const o = (out.arraySync() as number[][][])[0];
    o.forEach((row, i) => closeTo([row], [v[w[i].indexOf(1)]]));
    const probe = tf.tensor3d([randMat(3, 2, rnd)]);
    const gradQ = tf.grad((qt: tf.Tensor) => tf.sum(tf.mul((layer.apply([qt, tf.tensor3d([v]), tf.tensor3d([k])]) as tf.Tensor[])[0], probe)))(tf.tensor3d([q]));
    const g = Array.from(gradQ.dataSync());
    expect(g.every(Number.isFinite)).toBe(true);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('additive score has v^T tanh(W1 q + W2 k) weights and the inferred parameter count', () => {
    const def = getLayerDef('Attention')!;
    for (const units of [0, 6]) {
      const layer = new AttentionLayer({ score: 'additive', units });
      const qi = tf.input({ shape: [3, 4] });
      const vi = tf.input({ shape: [5, 7] });
      const ki = tf.input({ shape: [5, 3] });
      const model = tf.model({ inputs: [qi, vi, ki], outputs: layer.apply([qi, vi, ki]) as tf.SymbolicTensor });
      const inferred = def.infer([[[3, 4]], [[5, 7]], [[5, 3]]], withDefaults(def, { score: 'additive', units }));
      const u = units || 3;
      expect(inferred.params).toBe(u * (4 + 3) + u);
      expect(model.countParams()).toBe(inferred.params);
      expect(model.outputs[0].shape).toEqual([null, ...inferred.outputs[0]]);
    }
  });
});

describe('hard attention on wasm', () => {
  it('weights are exactly 0 and 1 (the wasm OneHot kernel ignores a float dtype, so the layer casts)', async () => {
    setWasmPaths(path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
    expect(await tf.setBackend('wasm')).toBe(true);
    try {
      const x = tf.randomNormal([1, 4, 3], 0, 1, 'float32', 9);
      const [, weights] = new AttentionLayer({ mode: 'hard', returnScores: true }).apply([x, x]) as tf.Tensor[];
      const w = Array.from(weights.dataSync());
      expect(w.every((e) => e === 0 || e === 1)).toBe(true);
      expect(w.filter((e) => e === 1)).toHaveLength(4);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});

describe('custom layer norm', () => {
  it('matches tf.layers.layerNormalization within 1e-5', () => {
    const x = tf.randomNormal([2, 3, 8], 1, 3, 'float32', 11);
    const builtIn = tf.layers.layerNormalization({ epsilon: 1e-5 });
    const expected = builtIn.apply(x) as tf.Tensor;
    const [gamma, beta] = builtIn.getWeights();
    // Non-trivial gamma / beta so they are checked too.
    const g = tf.randomNormal(gamma.shape, 1, 0.5, 'float32', 3);
    const b = tf.randomNormal(beta.shape, 0, 0.5, 'float32', 4);
    builtIn.setWeights([g, b]);
    const expected2 = builtIn.apply(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(layerNorm(x, tf.onesLike(gamma), tf.zerosLike(beta)), expected))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(tf.sub(layerNorm(x, g, b), expected2))).dataSync()[0]).toBeLessThan(1e-5);
  });
});
