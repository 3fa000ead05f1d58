// Every attention/transformer kind: inferred output shapes and parameter counts equal what tfjs builds.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getLayerDef, withDefaults } from '../../../../shared/layers';
import { ShapeError, type ParamValues, type Shape } from '../../../../shared/layers/types';
import { getBuilder } from '..';
import type { SymbolicTensor } from '../../types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let counter = 0;

/** Inputs listed per handle; `same` wires handle 1 to the tensor of handle 0 (self-attention). */
function buildBoth(kind: string, params: ParamValues, inputShapes: Shape[][], same = false) {
  const def = getLayerDef(kind)!;
  const full = withDefaults(def, params);
  const inferred = def.infer(inputShapes, full);
  const fresh = (s: Shape) => tf.input({ shape: s as number[], name: `in_${++counter}` });
  const symbolic: SymbolicTensor[][] = inputShapes.map((shapes, i) => (same && i === 1 ? [] : shapes.map(fresh)));
  if (same) symbolic[1] = symbolic[0];
  const name = `layer_${++counter}`;
  const outs = getBuilder(kind).build(symbolic, full, { tf, nodeId: name, name });
  const inputs = [...new Set(symbolic.flat())];
  const model = tf.model({ inputs, outputs: outs });
  return { inferred, model, outs };
}

interface Case {
  kind: string;
  params: ParamValues;
  inputs: Shape[][];
  same?: boolean;
}

const cases: Case[] = [
  { kind: 'Attention', params: {}, inputs: [[[5, 8]], [[5, 8]]], same: true },
  { kind: 'Attention', params: { score: 'dot', causal: true, returnScores: true }, inputs: [[[4, 6]], [[7, 3]], [[7, 6]]] },
  { kind: 'Attention', params: { score: 'additive' }, inputs: [[[4, 6]], [[7, 3]]] },
  { kind: 'Attention', params: { score: 'additive', units: 5, mode: 'hard', returnScores: true }, inputs: [[[null, 6]], [[null, 3]], [[null, 2]]] },
  { kind: 'MultiHeadAttention', params: {}, inputs: [[[6, 16]], [[6, 16]]], same: true },
  { kind: 'MultiHeadAttention', params: { heads: 3, keyDim: 4, valueDim: 5, causal: true }, inputs: [[[6, 10]], [[9, 7]], [[9, 3]]] },
  { kind: 'MultiHeadAttention', params: { heads: 2, keyDim: 3, useBias: false, dropout: 0.2 }, inputs: [[[null, 8]], [[null, 5]]] },
  { kind: 'PositionalEncoding', params: {}, inputs: [[[7, 6]]] },
  { kind: 'PositionalEncoding', params: { mode: 'learned', maxLength: 10 }, inputs: [[[7, 6]]] },
  { kind: 'PositionalEncoding', params: { mode: 'learned', maxLength: 12 }, inputs: [[[null, 5]]] },
  { kind: 'TransformerEncoderBlock', params: { heads: 2 }, inputs: [[[5, 8]]] },
  { kind: 'TransformerEncoderBlock', params: { heads: 3, keyDim: 5, ffDim: 7, layers: 3, normFirst: true, activation: 'gelu' }, inputs: [[[null, 12]]] },
  { kind: 'TransformerDecoderBlock', params: { heads: 2, layers: 2 }, inputs: [[[5, 8]], []] },
  { kind: 'TransformerDecoderBlock', params: { heads: 2, ffDim: 16, normFirst: true }, inputs: [[[5, 8]], [[9, 6]]] },
  { kind: 'TransformerDecoderBlock', params: { heads: 4, keyDim: 3, layers: 3 }, inputs: [[[4, 10]], [[null, 7]]] },
];

describe('attention kinds: inferred shapes and counts equal tfjs', () => {
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`, () => {
      const { inferred, model } = buildBoth(c.kind, c.params, c.inputs, c.same);
      expect(model.countParams()).toBe(inferred.params);
      expect(model.outputs.map((o) => o.shape)).toEqual(inferred.outputs.map((s) => [null, ...s]));
      // Run it once on real data to catch shape errors that only appear in call().
      const feeds = model.inputs.map((i) => tf.randomNormal([2, ...i.shape.slice(1).map((d) => d ?? 5)]));
      const outs = [model.predict(feeds)].flat() as tf.Tensor[];
      outs.forEach((o, i) => {
        const expected = inferred.outputs[i].map((d) => d ?? 5);
        expect(o.shape).toEqual([2, ...expected]);
        expect(Array.from(o.dataSync()).every(Number.isFinite)).toBe(true);
      });
    });
  }

  it('layers = N multiplies the single-block count exactly', () => {
    const one = getLayerDef('TransformerEncoderBlock')!.infer([[[5, 16]]], withDefaults(getLayerDef('TransformerEncoderBlock')!, { heads: 4 })).params;
    const six = getLayerDef('TransformerEncoderBlock')!.infer([[[5, 16]]], withDefaults(getLayerDef('TransformerEncoderBlock')!, { heads: 4, layers: 6 })).params;
    expect(six).toBe(6 * one);
    // d = 16, h = 4, k = 4, ff = 64: MHA 4*16*16 + 3*16 + 16, LNs 64, FF 2*16*64 + 64 + 16
    expect(one).toBe(4 * 16 * 16 + 3 * 16 + 16 + 64 + 2 * 16 * 64 + 64 + 16);
  });
});

describe('attention kinds: clear errors', () => {
  const infer = (kind: string, inputs: Shape[][], params: ParamValues) => () => getLayerDef(kind)!.infer(inputs, withDefaults(getLayerDef(kind)!, params));

  it('dot score with different query and key sizes suggests a Dense or the additive score', () => {
    const run = infer('Attention', [[[4, 6]], [[7, 3]]], { score: 'dot' });
    expect(run).toThrow(ShapeError);
    expect(run).toThrow(/query size 6 must equal key size 3/);
    try {
      run();
    } catch (e) {
      expect((e as ShapeError).fixes.map((f) => f.action.type)).toEqual(['insertBefore', 'setParam']);
    }
  });

  it('a flat vector is not a sequence', () => {
    expect(infer('MultiHeadAttention', [[[784]], [[784]]], {})).toThrow(/expects a sequence \[steps, features\] but got \[784\]/);
  });

  it('d not divisible by heads proposes a head count that divides it', () => {
    try {
      infer('TransformerEncoderBlock', [[[5, 10]]], { heads: 4 })();
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/d = 10 is not divisible by heads = 4/);
      expect((e as ShapeError).fixes[0].action).toEqual({ type: 'setParam', param: 'heads', value: 5 });
    }
  });

  it('learned positions shorter than the sequence propose maxLength = T', () => {
    try {
      infer('PositionalEncoding', [[[20, 4]]], { mode: 'learned', maxLength: 16 })();
      expect.unreachable();
    } catch (e) {
      expect((e as ShapeError).fixes[0].action).toEqual({ type: 'setParam', param: 'maxLength', value: 20 });
    }
  });
});
