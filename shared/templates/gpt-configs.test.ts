// GPT-1 / GPT-2 XL / GPT-3 parameter counts by whole-graph inference, checked against hand arithmetic;
// a tiny GPT with the same structure equals what tfjs builds, trains and survives save/load.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GPT_CONFIGS, GPT_TEMPLATES, gptCounts, gptGraph, type GptConfig } from './gpt-configs';
import { inferGraph } from '../infer';
import { parseGraphFile, serializeGraph } from '../graph/validate';
import { buildModel } from '../../src-main/engine/compile';
import '../../src-main/engine/custom/register';
import { fastestPerCall } from '../testing/timing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Written out independently of shared/layers: per block 4 attention projections d x d with biases,
 * two LayerNorms, feed-forward d -> ff -> d with biases.
 */
function handCount(L: number, d: number, ff: number, ctx: number, vocab: number, finalNorm: boolean) {
  const attention = 4 * (d * d + d);
  const norms = 2 * (2 * d);
  const feedForward = d * ff + ff + ff * d + d;
  const tied = vocab * d + ctx * d + L * (attention + norms + feedForward) + (finalNorm ? 2 * d : 0);
  return { tied, separateHead: tied + d * vocab };
}

const get = (id: string) => GPT_CONFIGS.find((c) => c.id === id)!;

describe('GPT parameter counts', () => {
  const expected: Record<string, { tied: number; separateHead: number; approx: [number, number] }> = {
    'gpt-1': { ...handCount(12, 768, 3072, 512, 40478, false), approx: [116.5e6, 116.6e6] },
    'gpt-2-xl': { ...handCount(48, 1600, 6400, 1024, 50257, true), approx: [1.557e9, 1.559e9] },
    'gpt-3': { ...handCount(96, 12288, 49152, 2048, 50257, true), approx: [174.5e9, 174.7e9] },
  };

  it('hand arithmetic gives the published sizes (tied head)', () => {
    expect(expected['gpt-1'].tied).toBe(116_534_784); // published 117M
    expect(expected['gpt-2-xl'].tied).toBe(1_557_611_200); // published 1.5B / 1,558M
    expect(expected['gpt-3'].tied).toBe(174_604_259_328); // published 175B
    for (const e of Object.values(expected)) {
      expect(e.tied).toBeGreaterThanOrEqual(e.approx[0]);
      expect(e.tied).toBeLessThanOrEqual(e.approx[1]);
    }
  });

  for (const t of GPT_TEMPLATES) {
    it(`${t.name}: inferGraph total equals the hand count with a separate head, and the description states both`, () => {
      const inference = inferGraph(t.graph);
      expect(inference.errors).toEqual([]);
      const e = expected[t.id];
      expect(inference.totalParams).toBe(e.separateHead);
      const c = get(t.id);
      expect(gptCounts(c)).toEqual({ withoutHead: e.tied, head: c.d * c.vocab, withHead: e.separateHead });
      expect(inference.totalParams - inference.nodes.lm_head.params).toBe(e.tied);
      expect(t.description).toContain(e.tied.toLocaleString('en-US'));
      expect(t.description).toContain(e.separateHead.toLocaleString('en-US'));
      expect(inference.nodes.next_token.outputs).toEqual([]);
      expect(inference.nodes.lm_head.outputs[0]).toEqual([c.context, c.vocab]);
      expect(parseGraphFile(serializeGraph(t.graph))).toEqual(t.graph);
    });
  }

  it('inferGraph on GPT-3 costs about what the same structure at toy sizes costs (no work per parameter)', async () => {
    const graph = GPT_TEMPLATES.find((t) => t.id === 'gpt-3')!.graph;
    // Same 96 blocks and nodes, widths of a few units: 10^10 times fewer parameters.
    const toy = gptGraph({ ...get('gpt-3'), d: 8, heads: 2, ffDim: 16, context: 6, vocab: 11 });
    expect(inferGraph(graph).totalParams).toBe(expected['gpt-3'].separateHead);
    expect(inferGraph(toy).errors).toEqual([]);
    // Relative to an in-process control, not an absolute bound (speed itself is measured in bench/):
    // work per parameter or per unit of width would make GPT-3 thousands of times slower than the toy.
    const fastest = await fastestPerCall({ gpt3: () => inferGraph(graph), toy: () => inferGraph(toy) }, { calls: 20 });
    console.log(`inferGraph per call: GPT-3 ${fastest.gpt3.toFixed(3)} ms, same structure at toy sizes ${fastest.toy.toFixed(3)} ms`);
    expect(fastest.gpt3).toBeLessThan(10 * fastest.toy);
  });
});

describe('a tiny GPT with the same structure', () => {
  const tiny = (preNorm: boolean): GptConfig => ({ ...get(preNorm ? 'gpt-2-xl' : 'gpt-1'), id: 'tiny', name: 'tiny', layers: 2, d: 8, heads: 2, ffDim: 16, context: 6, vocab: 11, preNorm });

  for (const preNorm of [false, true]) {
    it(`${preNorm ? 'pre' : 'post'}-norm: counts equal tfjs, it learns next-token targets and round-trips`, async () => {
      const c = tiny(preNorm);
      const graph = gptGraph(c);
      const inference = inferGraph(graph);
      expect(inference.errors).toEqual([]);
      const { model } = buildModel(graph, tf);
      expect(model.countParams()).toBe(inference.totalParams);
      expect(model.countParams()).toBe(gptCounts(c).withHead);
      expect(model.outputs[0].shape).toEqual([null, 6, 11]);

      // Token sequences counting up mod 11; the target is the next token.
      const n = 24;
      const starts = Array.from({ length: n }, (_, i) => i % 11);
      const xs = tf.tensor2d(starts.map((s) => Array.from({ length: 6 }, (_, t) => (s + t) % 11)), [n, 6], 'int32');
      const ys = tf.tensor3d(starts.map((s) => Array.from({ length: 6 }, (_, t) => [(s + t + 1) % 11])), [n, 6, 1]);
      model.compile({ optimizer: tf.train.adam(0.02), loss: 'sparseCategoricalCrossentropy' });
      const history = await model.fit(xs.toFloat(), ys, { epochs: 20, batchSize: n, verbose: 0 });
      const losses = history.history.loss as number[];
      expect(losses[19]).toBeLessThan(losses[0] * 0.7);

      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
      const reloaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
      const p1 = Array.from((model.predict(xs.toFloat()) as tf.Tensor).dataSync());
      const p2 = Array.from((reloaded.predict(xs.toFloat()) as tf.Tensor).dataSync());
      expect(p2).toEqual(p1);
    }, 60_000);
  }
});
