// Trying trained runs: two tiny runs trained for real (an MNIST MLP, the tiny GPT for one short epoch), then
// - a drawn image goes through the same scaling as the training data (the raw pixels of a test digit give
//   exactly the test split's row), and the prediction equals tfjs's own model.predict on that input;
// - generation with a seed repeats itself, top-k 1 is greedy (the argmax of a direct prediction each step);
// - wrong inputs get a clear message.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainHeadless } from '../cli/train';
import { mlpGraph } from '../training/testing/fixtures';
import { charGpt } from '../../shared/templates/transformers';
import type { GraphFile } from '../../shared/graph/types';
import { loadBundledMnist } from '../data/mnistBundled';
import { TEXT_VOCAB } from '../../shared/data/vocab';
import { loadTryRun, type LoadedTryRun } from './load-run';
import { predictRun, tryInfo } from './predict';
import { TryInputError, prepareInput, preparedTensors, sampleRow } from './prepare-input';
import { asDistribution, samplingDistribution } from './generate';
import { main } from '../cli';
import { captureCliOutput } from '../cli/testing/capture';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-try-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function train(graph: GraphFile): Promise<string> {
  const { runId, status, error } = await trainHeadless(graph, { dataDir, quiet: true });
  expect(error).toBeUndefined();
  expect(status).toBe('completed');
  return runId;
}

/** The tiny GPT template cut to one epoch over 48 windows (a short training is enough to try it). */
function tinyGpt(): GraphFile {
  const g = charGpt.graph;
  return { ...g, dataset: { ...g.dataset, limit: 48 }, training: { ...g.training, epochs: 1, backend: 'cpu' } };
}

let mnist: LoadedTryRun;
let gpt: LoadedTryRun;
beforeAll(async () => {
  const [mnistId, gptId] = await Promise.all([train(mlpGraph({ limit: 300, epochs: 1, hidden: 16 })), train(tinyGpt())]);
  mnist = await loadTryRun(dataDir, mnistId);
  gpt = await loadTryRun(dataDir, gptId);
}, 120_000);

function direct(run: LoadedTryRun, xs: tf.Tensor[]): Float32Array {
  return tf.tidy(() => (run.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor).dataSync() as Float32Array);
}

describe('images (MNIST MLP)', () => {
  it('says what the run can be tried with', () => {
    const info = tryInfo(mnist);
    expect(info).toMatchObject({ mode: 'image', split: 'test', image: { width: 28, height: 28, channels: 1 }, task: 'classification' });
    expect(info.samples).toBe(mnist.dataset.test!.size);
    expect(info.classNames).toHaveLength(10);
  });

  it('prepares a test digit given as raw pixels exactly like the test split, and predicts what tfjs predicts', async () => {
    const { test } = await loadBundledMnist();
    const index = 17;
    const pixels = Array.from(test!.pixels.subarray(index * 784, (index + 1) * 784));
    const drawn = prepareInput(mnist, { kind: 'image', pixels, width: 28, height: 28, channels: 1 });
    const sample = prepareInput(mnist, { kind: 'sample', index });
    expect(drawn.features[0].shape).toEqual([1, 784]);
    expect(Array.from(drawn.features[0].data)).toEqual(Array.from(sampleRow(mnist.dataset.test!.features.x, index).data));
    expect(Array.from(sample.features[0].data)).toEqual(Array.from(drawn.features[0].data));
    expect(sample.sample).toEqual({ index, split: 'test', classIndex: test!.labels[index] });

    const result = predictRun(tf, mnist, { input: { kind: 'image', pixels, width: 28, height: 28, channels: 1 } });
    if (result.kind !== 'classes') throw new Error(`expected classes, got ${result.kind}`);
    const xs = preparedTensors(tf, drawn);
    const expected = direct(mnist, xs);
    tf.dispose(xs);
    expect(result.probabilities).toHaveLength(10);
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6));
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(result.prediction).toBe(expected.indexOf(Math.max(...expected)));
  });

  it('answers a test sample with its true class and the image the model read', () => {
    const result = predictRun(tf, mnist, { input: { kind: 'sample', index: 3 } });
    if (result.kind !== 'classes') throw new Error(`expected classes, got ${result.kind}`);
    expect(result.truth).toBe(mnist.dataset.test!.classes![3]);
    expect(result.image?.pixels).toHaveLength(784);
    const { test } = mnist.dataset;
    // scale01: the shown pixels are the raw bytes back (0..255).
    expect(result.image!.pixels.slice(200, 210)).toEqual(Array.from(test!.features.x.data.subarray(3 * 784 + 200, 3 * 784 + 210), (v) => Math.round(v * 255)));
  });

  it('refuses wrong inputs with a clear message', () => {
    const bad: [Parameters<typeof prepareInput>[1], RegExp][] = [
      [{ kind: 'sample', index: 1e6 }, /sample 1000000 is out of range: the test split has \d+ samples \(0\.\.\d+\)/],
      [{ kind: 'text', text: 'hello' }, /reads images .* not text: give it an image/],
      [{ kind: 'image', pixels: new Array(100).fill(0), width: 10, height: 10, channels: 1 }, /reads 28x28 images with 1 channel; this one is 10x10/],
      [{ kind: 'image', pixels: [...new Array(783).fill(0), 300], width: 28, height: 28, channels: 1 }, /pixel 783 is 300; pixel values must be numbers from 0 to 255/],
      [{ kind: 'features', values: [1, 2] }, /not table values/],
    ];
    for (const [input, message] of bad) expect(() => prepareInput(mnist, input)).toThrow(message);
    expect(() => prepareInput(mnist, { kind: 'sample', index: -1 })).toThrow(TryInputError);
  });
});

describe('text (tiny GPT)', () => {
  const generate = (text: string, o: Partial<{ count: number; temperature: number; topK: number; seed: number }>) => {
    const r = predictRun(tf, gpt, { input: { kind: 'text', text }, generate: { count: 12, temperature: 1, topK: 0, seed: 1, ...o } });
    if (r.kind !== 'generation') throw new Error(`expected generation, got ${r.kind}`);
    return r;
  };

  it('says it generates, with the vocabulary and the context', () => {
    expect(tryInfo(gpt)).toMatchObject({ mode: 'generate', context: 64 });
    expect(tryInfo(gpt).vocabulary).toContain('abc');
  });

  it('generates the same text with the same seed, and another with another seed', () => {
    const a = generate('Shall I compare thee', { seed: 5 });
    const b = generate('Shall I compare thee', { seed: 5 });
    expect(a.text).toHaveLength(12);
    expect(a.prompt).toBe('Shall I compare thee');
    expect(b.text).toBe(a.text);
    expect(b.steps).toEqual(a.steps);
    const others = [6, 7, 8].map((seed) => generate('Shall I compare thee', { seed, temperature: 2 }).text);
    expect(others.some((t) => t !== a.text)).toBe(true);
    // Every step's distribution sums to 1 over the shown entries at most; the picked token is among them.
    for (const s of a.steps) expect(s.p).toBeGreaterThan(0);
  });

  it('with top-k 1 takes the most probable next character of a direct prediction every step (greedy)', () => {
    const prompt = 'When I do count the clock';
    const r = generate(prompt, { topK: 1, count: 6, seed: 99 });
    let ids = Array.from(prompt, (ch) => TEXT_VOCAB.chars.indexOf(ch, 1));
    for (const step of r.steps) {
      const window = ids.slice(-64);
      const x = tf.tensor2d([[...window, ...new Array(64 - window.length).fill(0)]]);
      const out = direct(gpt, [x]);
      x.dispose();
      const row = Array.from(out.subarray((window.length - 1) * TEXT_VOCAB.size, window.length * TEXT_VOCAB.size));
      const best = row.indexOf(Math.max(...row));
      expect(step.token).toBe(TEXT_VOCAB.chars[best]);
      ids = [...ids, best];
    }
    expect(r.steps.every((s) => s.p === 1)).toBe(true);
  });

  it('gives the last position\'s attention per block and head, over the window\'s tokens', () => {
    const r = generate('Love is', { count: 3 });
    expect(r.attention.length).toBe(2); // the template's 2 decoder blocks
    for (const a of r.attention) {
      expect(a.heads).toHaveLength(4);
      // The window that predicted the last character: the prompt and the first 2 generated ones.
      expect(a.tokens.join('')).toBe('Love is' + r.text.slice(0, 2));
      for (const h of a.heads) {
        expect(h).toHaveLength(9);
        expect(h.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 4);
      }
    }
  });

  it('refuses characters outside the vocabulary and an image, naming them', () => {
    expect(() => prepareInput(gpt, { kind: 'text', text: 'café' })).toThrow(/'é' \(character 4 of the text\) is not in the model's vocabulary: it knows printable ASCII/);
    expect(() => prepareInput(gpt, { kind: 'image', pixels: [0], width: 1, height: 1, channels: 1 })).toThrow(/reads text .* not an image: give it a text prompt/);
    expect(() => prepareInput(gpt, { kind: 'text', text: '' })).toThrow(/the text is empty/);
  });
});

describe('sampling distribution', () => {
  it('keeps a softmax row, softmaxes logits, sharpens with low temperature and cuts to the top k', () => {
    expect(asDistribution([0.2, 0.8])).toEqual([0.2, 0.8]);
    const soft = asDistribution([1, 2]);
    expect(soft[1] / soft[0]).toBeCloseTo(Math.E, 6);
    const cold = samplingDistribution([0.2, 0.3, 0.5], 0.5, 0);
    expect(cold[2]).toBeCloseTo(0.25 / (0.04 + 0.09 + 0.25), 6);
    const top2 = samplingDistribution([0.2, 0.3, 0.5], 1, 2);
    expect(top2[0]).toBe(0);
    expect(top2[1]).toBeCloseTo(0.375, 12);
    expect(top2[2]).toBeCloseTo(0.625, 12);
  });
});

describe('layerlab predict', () => {
  const printed = captureCliOutput();
  beforeAll(() => void (process.env.LAYERLAB_HOME = dataDir));

  it('--sample N --json prints the prediction and probabilities summing to 1, as the api answers', async () => {
    expect(await main(['predict', '--run', mnist.runId, '--sample', '5', '--json'])).toBe(0);
    const json = JSON.parse(printed.out.join('\n')) as { prediction: number; probabilities: number[]; truth: number };
    expect(json.probabilities).toHaveLength(10);
    expect(json.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(json.prediction).toBe(json.probabilities.indexOf(Math.max(...json.probabilities)));
    const api = predictRun(tf, mnist, { input: { kind: 'sample', index: 5 } });
    expect(api.kind === 'classes' && api.probabilities).toEqual(json.probabilities);
    expect(json.truth).toBe(mnist.dataset.test!.classes![5]);

    printed.out.length = 0;
    expect(await main(['predict', '--run', mnist.runId, '--sample', '5'])).toBe(0);
    expect(printed.out[0]).toMatch(/^sample 5: \d with probability \d+\.\d%/);
  });

  it('--text PROMPT --generate N prints the prompt and N more characters, the same for the same seed', async () => {
    const args = ['predict', '--run', gpt.runId, '--text', 'From fairest', '--generate', '20', '--temperature', '0.8', '--top-k', '5', '--seed', '3'];
    expect(await main(args)).toBe(0);
    const first = printed.out.join('\n');
    expect(first.startsWith('From fairest')).toBe(true);
    expect(first).toHaveLength('From fairest'.length + 20);
    printed.out.length = 0;
    expect(await main(args)).toBe(0);
    expect(printed.out.join('\n')).toBe(first);
  });

  it('names the problem and exits 2 on a wrong input', async () => {
    const cases: [string[], RegExp][] = [
      [['predict', '--run', mnist.runId, '--sample', '99999'], /sample 99999 is out of range: the test split has \d+ samples/],
      [['predict', '--run', gpt.runId, '--text', 'naïve', '--generate', '3'], /'ï' \(character 3 of the text\) is not in the model's vocabulary/],
      [['predict', '--run', mnist.runId, '--text', 'seven'], /reads images .* not text/],
      [['predict', '--run', mnist.runId, '--text', 'x', '--generate', '3'], /not text/],
      [['predict', '--run', 'run-nope', '--sample', '1'], /no run 'run-nope'/],
      [['predict', '--sample', '1'], /--run RUN_ID is required/],
      [['predict', '--run', mnist.runId], /give either --sample N or --text TEXT/],
      [['predict', '--run', gpt.runId, '--text', 'a', '--temperature', '0.5'], /--temperature only applies with --generate N/],
      [['predict', '--run', gpt.runId, '--text', 'a', '--generate', '3', '--temperature', '0'], /--temperature must be above 0/],
    ];
    for (const [args, message] of cases) {
      printed.err.length = 0;
      expect(await main(args), args.join(' ')).toBe(2);
      expect(printed.err.join('\n')).toMatch(message);
    }
  });
});
