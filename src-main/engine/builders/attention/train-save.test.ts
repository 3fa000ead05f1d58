// Each attention/transformer kind trains (loss drops, its own weights move) on cpu and wasm, and a model
// containing it saves and reloads with identical predictions.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getLayerDef, withDefaults } from '../../../../shared/layers';
import type { ParamValues } from '../../../../shared/layers/types';
import { getBuilder } from '..';
import type { SymbolicTensor } from '../../types';
import '../../custom/register';

const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);

const T = 6;
const D = 4;
const N = 32;
let counter = 0;

function applyKind(kind: string, params: ParamValues, inputs: SymbolicTensor[][]): SymbolicTensor {
  const name = `${kind.toLowerCase()}_${++counter}`;
  const full = withDefaults(getLayerDef(kind)!, params);
  return getBuilder(kind).build(inputs, full, { tf, nodeId: name, name })[0];
}

interface Case {
  label: string;
  kind: string;
  params: ParamValues;
  /** Builds the model around the kind; returns the model and the kind's layer name. */
  model: () => { model: tf.LayersModel; layer: string; twoInputs?: boolean };
  /** 'mean': running mean of the first two features (needs other steps); 'copy': the step's own first two. */
  target?: 'mean' | 'copy';
}

/** x [T, D] -> Dense query -> kind(query, x) -> Dense(2) per step. */
function attentionModel(kind: string, params: ParamValues) {
  return () => {
    const x = tf.input({ shape: [T, D] });
    const q = tf.layers.dense({ units: D }).apply(x) as SymbolicTensor;
    const a = applyKind(kind, params, [[q], [x]]);
    const y = tf.layers.dense({ units: 2 }).apply(a) as SymbolicTensor;
    return { model: tf.model({ inputs: x, outputs: y }), layer: a.sourceLayer.name };
  };
}

/** x -> Dense(D) -> kind -> Dense(2); with `memory`, a second input feeds the decoder's memory handle. */
function sequenceModel(kind: string, params: ParamValues, memory = false) {
  return () => {
    const x = tf.input({ shape: [T, D] });
    const h = tf.layers.dense({ units: D }).apply(x) as SymbolicTensor;
    const m = memory ? tf.input({ shape: [T + 1, 3] }) : null;
    const a = applyKind(kind, params, m ? [[h], [m]] : [[h], []]);
    const y = tf.layers.dense({ units: 2 }).apply(a) as SymbolicTensor;
    return { model: tf.model({ inputs: m ? [x, m] : [x], outputs: y }), layer: a.sourceLayer.name, twoInputs: memory };
  };
}

const cases: Case[] = [
  { label: 'Attention soft scaled causal', kind: 'Attention', params: { causal: true }, model: attentionModel('Attention', { causal: true }) },
  { label: 'Attention hard scaled', kind: 'Attention', params: {}, model: attentionModel('Attention', { mode: 'hard' }), target: 'copy' },
  { label: 'Attention soft additive causal', kind: 'Attention', params: {}, model: attentionModel('Attention', { score: 'additive', units: 5, causal: true }) },
  { label: 'MultiHeadAttention causal', kind: 'MultiHeadAttention', params: {}, model: attentionModel('MultiHeadAttention', { heads: 2, keyDim: 3, causal: true }) },
  { label: 'PositionalEncoding learned', kind: 'PositionalEncoding', params: {}, model: sequenceModel('PositionalEncoding', { mode: 'learned', maxLength: 8 }) },
  { label: 'PositionalEncoding sinusoidal', kind: 'PositionalEncoding', params: {}, model: sequenceModel('PositionalEncoding', {}) },
  { label: 'TransformerEncoderBlock x2 post-norm', kind: 'TransformerEncoderBlock', params: {}, model: sequenceModel('TransformerEncoderBlock', { heads: 2, layers: 2, ffDim: 8, dropout: 0 }) },
  { label: 'TransformerDecoderBlock pre-norm gelu', kind: 'TransformerDecoderBlock', params: {}, model: sequenceModel('TransformerDecoderBlock', { heads: 2, ffDim: 8, normFirst: true, activation: 'gelu', dropout: 0.1 }) },
  { label: 'TransformerDecoderBlock with memory', kind: 'TransformerDecoderBlock', params: {}, model: sequenceModel('TransformerDecoderBlock', { heads: 2, ffDim: 8, dropout: 0 }, true) },
];

/** Targets: by default the running mean of the first two features, which needs information from other steps. */
function data(twoInputs: boolean, target: 'mean' | 'copy') {
  const x = tf.randomNormal([N, T, D], 0, 1, 'float32', 1);
  const y = target === 'copy' ? tf.slice(x, [0, 0, 0], [N, T, 2]) : tf.div(tf.cumsum(tf.slice(x, [0, 0, 0], [N, T, 2]), 1), tf.range(1, T + 1).reshape([1, T, 1]));
  const m = tf.randomNormal([N, T + 1, 3], 0, 1, 'float32', 2);
  return { xs: twoInputs ? [x, m] : [x], y };
}

async function trainAndRoundTrip(c: Case) {
  const { model, layer, twoInputs } = c.model();
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  const { xs, y } = data(!!twoInputs, c.target ?? 'mean');
  const before = model.getLayer(layer).getWeights().map((w) => w.arraySync());
  const history = await model.fit(xs, y, { epochs: 20, batchSize: N, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  if (process.env.LAYERLAB_VERBOSE) console.log(c.label, tf.getBackend(), losses[0], losses[19]);
  const after = model.getLayer(layer).getWeights().map((w) => w.arraySync());
  const moved = after.some((w, i) => JSON.stringify(w) !== JSON.stringify(before[i]));

  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  const p1 = (model.predict(xs) as tf.Tensor).dataSync();
  const p2 = (reloaded.predict(xs) as tf.Tensor).dataSync();
  const className = (reloaded.getLayer(layer).constructor as unknown as { className: string }).className;
  return { losses, moved, hasWeights: after.length > 0, p1: Array.from(p1), p2: Array.from(p2), className, params: [model.countParams(), reloaded.countParams()] };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`attention kinds train and round-trip on ${backend}`, () => {
    for (const c of cases) {
      it(c.label, async () => {
        expect(await tf.setBackend(backend)).toBe(true);
        expect(tf.getBackend()).toBe(backend);
        const r = await trainAndRoundTrip(c);
        expect(r.losses).toHaveLength(20);
        expect(r.losses[19]).toBeLessThan(r.losses[0] * 0.8);
        if (r.hasWeights) expect(r.moved).toBe(true);
        expect(r.className.startsWith('LayerLab')).toBe(true);
        expect(r.params[1]).toBe(r.params[0]);
        expect(r.p2).toEqual(r.p1);
      }, 60_000);
    }
  });
}
