// Trying the two templates whose answer is not one prediction: the seq2seq dates model with attention (a typed
// date is decoded free-running, with the attention map of the decoded output) and SNAIL (a held-out episode: its
// support set and the predicted class among the episode's classes). Each is trained for real on a few hundred
// generated samples for one epoch, then
// - the translation equals a greedy decode written here with direct model.predict calls (the start token, then
//   each step's argmax fed back), and every attention row is a distribution over the 30 input steps that, applied
//   to the encoder's outputs, gives what the model's own Attention layer outputs;
// - the episode's prediction and probabilities are tfjs's own model.predict on the test episode, and the support
//   set is the episode's labelled steps;
// - wrong inputs get a clear message.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainHeadless } from '../cli/train';
import type { GraphFile } from '../../shared/graph/types';
import { seq2seqDatesAttention } from '../../shared/templates/seq2seq-dates';
import { SNAIL_WAYS, snail } from '../../shared/templates/snail';
import { DATE_VOCAB } from '../../shared/data/vocab';
import { DATE_INPUT_LENGTH, DATE_OUTPUT_LENGTH } from '../../shared/data/catalog';
import { layerNameFor } from '../../shared/graph/node-names';
import { loadTryRun, type LoadedTryRun } from './load-run';
import { predictRun, tryInfo } from './predict';
import { prepareInput, sampleRow } from './prepare-input';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-try-s2s-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function train(graph: GraphFile): Promise<string> {
  const { runId, status, error } = await trainHeadless(graph, { dataDir, quiet: true });
  expect(error).toBeUndefined();
  expect(status).toBe('completed');
  return runId;
}

/** A template's graph with other dataset options, one epoch on wasm (the fastest backend for LSTMs here). */
function tiny(graph: GraphFile, options: Record<string, string | number>): GraphFile {
  return {
    ...graph,
    dataset: { ...graph.dataset, options: { ...graph.dataset.options, ...options } },
    training: { ...graph.training, epochs: 1, backend: 'wasm' },
  };
}

let dates: LoadedTryRun;
let episodes: LoadedTryRun;
beforeAll(async () => {
  const [datesId, snailId] = await Promise.all([
    train(tiny(seq2seqDatesAttention.graph, { samples: 240, formats: 'numeric', padding: 'before' })),
    train(tiny(snail.graph, { episodes: 96, classes: 200 })),
  ]);
  dates = await loadTryRun(dataDir, datesId);
  episodes = await loadTryRun(dataDir, snailId);
}, 240_000);

const V = DATE_VOCAB.size;
const START = DATE_VOCAB.special.start;
const PAD = DATE_VOCAB.special.pad;

function oneHot(ids: number[]): tf.Tensor3D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(ids, 'int32'), V).toFloat().expandDims(0) as tf.Tensor3D);
}

/** Greedy decoding with direct model.predict calls: the decoder reads the start token, then its own argmaxes. */
function directGreedy(model: tf.LayersModel, encoderIds: number[]): number[] {
  const out: number[] = [];
  const enc = oneHot(encoderIds);
  for (let t = 0; t < DATE_OUTPUT_LENGTH; t++) {
    const prefix = [START, ...out];
    const dec = oneHot([...prefix, ...new Array(DATE_OUTPUT_LENGTH - prefix.length).fill(PAD)]);
    const probs = tf.tidy(() => (model.predict([enc, dec]) as tf.Tensor).arraySync() as number[][][]);
    dec.dispose();
    const row = probs[0][t];
    out.push(row.indexOf(Math.max(...row)));
  }
  enc.dispose();
  return out;
}

describe('seq2seq dates with attention: translate a typed date', () => {
  const typed = '03.05.1998';
  // The dataset pads before the text (padding 'before').
  const encoderIds = [...new Array(DATE_INPUT_LENGTH - typed.length).fill(PAD), ...Array.from(typed, (c) => DATE_VOCAB.chars.indexOf(c, 2))];

  it('says it translates, with the vocabulary and the input length', () => {
    expect(tryInfo(dates)).toMatchObject({ mode: 'translate', context: DATE_INPUT_LENGTH });
    expect(tryInfo(dates).vocabulary).toContain('0123456789');
  });

  it('decodes the typed date free-running, as a greedy decode with direct predictions does', () => {
    expect(dates.model.inputs.map((i) => i.shape)).toEqual([[null, DATE_INPUT_LENGTH, V], [null, DATE_OUTPUT_LENGTH, V]]);
    const prepared = prepareInput(dates, { kind: 'text', text: typed });
    expect(Array.from(prepared.features[0].data)).toEqual(Array.from(oneHot(encoderIds).dataSync()));

    const result = predictRun(tf, dates, { input: { kind: 'text', text: typed } });
    if (result.kind !== 'translation') throw new Error(`expected a translation, got ${result.kind}`);
    expect(result.input).toBe(typed); // pad tokens are not shown
    const expected = directGreedy(dates.model, encoderIds);
    expect(result.output).toBe(expected.map((id) => DATE_VOCAB.chars[id]).join(''));
    expect(result.output.length).toBeGreaterThan(0);
    expect(result.truth).toBeUndefined(); // a typed date has no truth
  });

  it('gives the attention map of the decoded output: a distribution over the input steps per output character, the one the model used', () => {
    const result = predictRun(tf, dates, { input: { kind: 'text', text: typed } });
    if (result.kind !== 'translation') throw new Error(`expected a translation, got ${result.kind}`);
    expect(result.attention).toHaveLength(1);
    const [map] = result.attention;
    expect(map.layer).toBe('Attention over encoder steps');
    expect(map.weights).toHaveLength(DATE_OUTPUT_LENGTH);
    expect(map.rows).toEqual(Array.from(result.output));
    expect(map.cols).toHaveLength(DATE_INPUT_LENGTH);
    expect(map.cols.slice(-typed.length).join('')).toBe(typed);
    for (const row of map.weights) {
      expect(row).toHaveLength(DATE_INPUT_LENGTH);
      expect(row.every((w) => w >= 0)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }

    // Those weights applied to the encoder's outputs (the attention's values) give the Attention layer's own output
    // when the decoder reads the decoded text (start token, then the output shifted right).
    const outputIds = Array.from(result.output, (c) => DATE_VOCAB.chars.indexOf(c, 2));
    const layer = dates.model.getLayer(layerNameFor('attention'));
    const [, value] = layer.input as tf.SymbolicTensor[];
    const side = tf.model({ inputs: dates.model.inputs, outputs: [value, layer.output as tf.SymbolicTensor] });
    const enc = oneHot(encoderIds);
    const dec = oneHot([START, ...outputIds.slice(0, DATE_OUTPUT_LENGTH - 1)]);
    const [values, context] = side.predict([enc, dec]) as tf.Tensor[];
    const fromMap = tf.matMul(tf.tensor2d(map.weights), values.squeeze([0]));
    const diff = tf.max(tf.abs(tf.sub(fromMap, context.squeeze([0])))).dataSync()[0];
    tf.dispose([enc, dec, values, context, fromMap]);
    expect(diff).toBeLessThan(1e-4);
  });

  it('refuses a character outside the date vocabulary, a too long text and an image, naming the problem', () => {
    expect(() => predictRun(tf, dates, { input: { kind: 'text', text: '3 May 1998' } })).toThrow(
      /'M' \(character 3 of the text\) is not in the model's vocabulary: it knows only space , \/ - \. 0 1/,
    );
    expect(() => prepareInput(dates, { kind: 'text', text: '1'.repeat(31) })).toThrow(/has 31 characters; the model reads at most 30/);
    expect(() => prepareInput(dates, { kind: 'image', pixels: [0], width: 1, height: 1, channels: 1 })).toThrow(/not an image/);
    expect(() => predictRun(tf, dates, { input: { kind: 'text', text: typed }, generate: { count: 3, temperature: 1, topK: 0, seed: 1 } })).toThrow(
      /does not generate text \(it is a translate model\)/,
    );
  });
});

describe('SNAIL: one held-out episode', () => {
  it('says it reads episodes, with the ways and shots', () => {
    expect(tryInfo(episodes)).toMatchObject({ mode: 'episode', episode: { ways: SNAIL_WAYS, shots: 1 }, split: 'test' });
    expect(tryInfo(episodes).samples).toBe(episodes.dataset.test!.size);
  });

  it('shows the support set and predicts the query among the episode\'s classes, as tfjs predicts it', () => {
    const test = episodes.dataset.test!;
    for (const index of [0, 5]) {
      const result = predictRun(tf, episodes, { input: { kind: 'sample', index } });
      if (result.kind !== 'episode') throw new Error(`expected an episode, got ${result.kind}`);
      const row = sampleRow(test.features.x, index);
      const [, steps, width] = row.shape;
      const dims = width - SNAIL_WAYS;
      expect(steps).toBe(SNAIL_WAYS + 1);

      // The support set: every labelled step with the label its one-hot slot holds (one example per class, 1-shot).
      expect(result.support).toHaveLength(SNAIL_WAYS);
      result.support.forEach((s, t) => {
        const slot = Array.from(row.data.subarray(t * width + dims, (t + 1) * width));
        expect(slot.reduce((a, b) => a + b, 0)).toBe(1);
        expect(s.label).toBe(slot.indexOf(1));
        // 16 values per example are drawn as a 4x4 image.
        expect(s.image?.pixels).toHaveLength(dims);
      });
      expect(result.support.map((s) => s.label).sort()).toEqual([0, 1, 2, 3, 4]);
      // The query's label slot is empty.
      expect(Array.from(row.data.subarray((steps - 1) * width + dims, steps * width)).every((v) => v === 0)).toBe(true);
      expect(result.query.image?.pixels).toHaveLength(dims);

      const x = tf.tensor(row.data, row.shape);
      const direct = tf.tidy(() => (episodes.model.predict(x) as tf.Tensor).dataSync() as Float32Array);
      x.dispose();
      expect(result.probabilities).toHaveLength(SNAIL_WAYS);
      result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(direct[i], 6));
      expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(result.prediction).toBe(Array.from(direct).indexOf(Math.max(...direct)));
      expect(result.truth).toBe(test.classes![index]);
      expect(result.truth).toBeGreaterThanOrEqual(0);
      expect(result.truth).toBeLessThan(SNAIL_WAYS);
    }
  });

  it('refuses text, an image and an episode out of range', () => {
    expect(() => predictRun(tf, episodes, { input: { kind: 'text', text: 'abc' } })).toThrow(/not text/);
    expect(() => predictRun(tf, episodes, { input: { kind: 'image', pixels: [0], width: 1, height: 1, channels: 1 } })).toThrow(/not an image/);
    const size = episodes.dataset.test!.size;
    expect(() => predictRun(tf, episodes, { input: { kind: 'sample', index: size } })).toThrow(new RegExp(`${size} is out of range: the test split has ${size} samples`));
  });
});
