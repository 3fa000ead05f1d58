// GPT-1, the four GPT-2 sizes and GPT-3: whole-graph inference gives the published counts (the output head
// is tied to the token embedding, as the papers build them), checked against hand arithmetic from each
// configuration; presets switch sizes, labels and descriptions; a tiny GPT with the same structure equals
// what tfjs builds, trains with one shared matrix and survives save/load.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GPT2_PRESET_IDS, GPT_CONFIGS, GPT_TEMPLATES, gptConfig, gptGraph, gptParams, type GptConfig } from './gpt-configs';
import { TEMPLATES, getTemplate, templateIds } from '.';
import { applyPreset } from './presets';
import { matchingPreset } from './preset-data';
import { inferGraph } from '../infer';
import { parseGraphFile, serializeGraph } from '../graph/validate';
import { buildModel } from '../../src-main/engine/compile';
import '../../src-main/engine/custom/register';
import { fastestPerCall } from '../testing/timing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Written out independently of shared/layers: token table vocab x d (also the output head: tied), learned
 * positions ctx x d, per block 4 attention projections d x d with biases, two LayerNorms, feed-forward
 * d -> ff -> d with biases, and a final LayerNorm for pre-norm models.
 */
function handCount(L: number, d: number, ff: number, ctx: number, vocab: number, finalNorm: boolean): number {
  const attention = 4 * (d * d + d);
  const norms = 2 * (2 * d);
  const feedForward = d * ff + ff + ff * d + d;
  return vocab * d + ctx * d + L * (attention + norms + feedForward) + (finalNorm ? 2 * d : 0);
}

/** The published sizes (GPT-2: the released models' cards; the paper's table rounds differently). */
const PUBLISHED: Record<string, number> = {
  'gpt-1': 116_534_784, // 117M
  'gpt-2-small': 124_439_808,
  'gpt-2-medium': 354_823_168,
  'gpt-2-large': 774_030_080,
  'gpt-2-xl': 1_557_611_200, // 1.5B
  'gpt-3': 174_604_259_328, // 175B
};

const HAND: Record<string, number> = {
  'gpt-1': handCount(12, 768, 3072, 512, 40478, false),
  'gpt-2-small': handCount(12, 768, 3072, 1024, 50257, true),
  'gpt-2-medium': handCount(24, 1024, 4096, 1024, 50257, true),
  'gpt-2-large': handCount(36, 1280, 5120, 1024, 50257, true),
  'gpt-2-xl': handCount(48, 1600, 6400, 1024, 50257, true),
  'gpt-3': handCount(96, 12288, 49152, 2048, 50257, true),
};

describe('GPT parameter counts', () => {
  it('hand arithmetic from each configuration gives the published sizes', () => {
    expect(HAND).toEqual(PUBLISHED);
    for (const c of GPT_CONFIGS) expect(gptParams(c), c.id).toBe(PUBLISHED[c.id]);
  });

  for (const c of GPT_CONFIGS) {
    it(`${c.name}: inference on its graph gives ${PUBLISHED[c.id].toLocaleString('en-US')}, the head adds nothing`, () => {
      const t = getTemplate(c.id)!;
      expect(t, c.id).toBeDefined();
      const inference = inferGraph(t.graph);
      expect(inference.errors).toEqual([]);
      expect(inference.totalParams).toBe(PUBLISHED[c.id]);
      expect(inference.nodes.lm_head.params).toBe(0);
      expect(inference.nodes.lm_head.outputs[0]).toEqual([c.context, c.vocab]);
      expect(inference.nodes.token_embedding.params).toBe(c.vocab * c.d);
      expect(inference.nodes.next_token.outputs).toEqual([]);
      // The figures in the description come from inference and the graph.
      expect(t.graph.description).toContain(`${PUBLISHED[c.id].toLocaleString('en-US')} parameters (published: ${c.published})`);
      expect(t.graph.description).toContain(`${c.name}: ${c.layers} decoder blocks, d = ${c.d}, ${c.heads} heads`);
      expect(t.description).toBe(t.graph.description);
      expect(t.graph.nodes.find((n) => n.id === 'decoder')!.label).toBe(`${c.layers} x decoder block`);
      expect(parseGraphFile(serializeGraph(t.graph))).toEqual(t.graph);
    });
  }

  it('GPT-2 is one template with four presets; each preset id opens that size', () => {
    const family = TEMPLATES.find((t) => t.id === 'gpt-2')!;
    expect(family.variants!.map((v) => [v.id, v.totalParams])).toEqual(GPT2_PRESET_IDS.map((id) => [id, PUBLISHED[id]]));
    expect(inferGraph(family.graph).totalParams).toBe(PUBLISHED['gpt-2-xl']);
    expect(TEMPLATES.filter((t) => t.id.startsWith('gpt-2'))).toHaveLength(1);
    expect(new Set(templateIds()).size).toBe(templateIds().length);
    for (const id of GPT2_PRESET_IDS) expect(getTemplate(id)!.graph.name).toBe(gptConfig(id).name);
    expect(GPT_TEMPLATES.map((t) => t.id)).toEqual(['gpt-1', 'gpt-2', 'gpt-3']);
  });

  it('a preset sets the sizes, the "N x" label, the name and the description figures; back again restores the graph', () => {
    const xl = TEMPLATES.find((t) => t.id === 'gpt-2')!.graph;
    const small = applyPreset(xl, 'gpt-2-small');
    expect(inferGraph(small).totalParams).toBe(124_439_808);
    expect(small.name).toBe('GPT-2 small');
    expect(small.nodes.find((n) => n.id === 'decoder')!.label).toBe('12 x decoder block');
    expect(small.description).toContain('GPT-2 small: 12 decoder blocks, d = 768, 12 heads of 64, feed-forward 3072');
    expect(small.description).toContain('124,439,808 parameters (published: 124M)');
    expect(small.description).not.toContain('1,557,611,200');
    expect(matchingPreset(small)?.id).toBe('gpt-2-small');
    expect(applyPreset(small, 'gpt-2-xl')).toEqual(xl);
    // A renamed graph keeps its name.
    expect(applyPreset({ ...xl, name: 'my GPT' }, 'gpt-2-medium').name).toBe('my GPT');
    expect(() => applyPreset(xl, 'gpt-2-huge')).toThrow(/no preset 'gpt-2-huge' \(presets: gpt-2-small, gpt-2-medium, gpt-2-large, gpt-2-xl\)/);
  });

  it('inferGraph on GPT-3 costs about what the same structure at toy sizes costs (no work per parameter)', async () => {
    const graph = getTemplate('gpt-3')!.graph;
    // Same 96 blocks and nodes, widths of a few units: 10^10 times fewer parameters.
    const toy = gptGraph({ ...gptConfig('gpt-3'), d: 8, heads: 2, ffDim: 16, context: 6, vocab: 11 });
    expect(inferGraph(graph).totalParams).toBe(PUBLISHED['gpt-3']);
    expect(inferGraph(toy).errors).toEqual([]);
    // Relative to an in-process control, not an absolute bound (speed itself is measured in bench/):
    // work per parameter or per unit of width would make GPT-3 thousands of times slower than the toy.
    const fastest = await fastestPerCall({ gpt3: () => inferGraph(graph), toy: () => inferGraph(toy) }, { calls: 20 });
    console.log(`inferGraph per call: GPT-3 ${fastest.gpt3.toFixed(3)} ms, same structure at toy sizes ${fastest.toy.toFixed(3)} ms`);
    expect(fastest.gpt3).toBeLessThan(10 * fastest.toy);
  });
});

describe('a tiny GPT with the same structure', () => {
  const tiny = (preNorm: boolean): GptConfig => ({ ...gptConfig(preNorm ? 'gpt-2-xl' : 'gpt-1'), id: 'tiny', name: 'tiny', layers: 2, d: 8, heads: 2, ffDim: 16, context: 6, vocab: 11, preNorm });

  for (const preNorm of [false, true]) {
    it(`${preNorm ? 'pre' : 'post'}-norm: counts equal tfjs, one shared matrix, it learns next-token targets and round-trips`, async () => {
      const c = tiny(preNorm);
      const graph = gptGraph(c);
      const inference = inferGraph(graph);
      expect(inference.errors).toEqual([]);
      const { model } = buildModel(graph, tf);
      expect(model.countParams()).toBe(inference.totalParams);
      expect(model.countParams()).toBe(gptParams(c));
      expect(model.outputs[0].shape).toEqual([null, 6, 11]);
      // The vocab x d matrix exists once: the embedding's; the head has no weights of its own.
      expect(model.trainableWeights.filter((w) => w.shape.join('x') === '11x8').map((w) => w.originalName)).toEqual(['n_token_embedding/embeddings']);
      expect(model.getLayer('n_lm_head').weights).toEqual([]);

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
      expect(reloaded.countParams()).toBe(gptParams(c));
      const p1 = Array.from((model.predict(xs.toFloat()) as tf.Tensor).dataSync());
      const p2 = Array.from((reloaded.predict(xs.toFloat()) as tf.Tensor).dataSync());
      expect(p2).toEqual(p1);
    }, 60_000);
  }
});
