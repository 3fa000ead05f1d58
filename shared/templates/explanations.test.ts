// The numbers and claims in template explanations match the graphs they explain.
import { describe, expect, it } from 'vitest';
import { getTemplate } from '.';
import { inferGraph } from '../infer';
import { getLayerDef, withDefaults } from '../layers';
import { effectivePoolStride } from '../layers/conv/pooling2d-common';
import type { GraphFile } from '../graph/types';
import type { Pooling2DParams } from '../layers/conv/pooling2d-common';
import { GENERATION_NOTE } from './transformers';

const n = (x: number) => x.toLocaleString('en-US');

/** Receptive field (in input pixels) of each node of a chain of Conv2D / pooling layers: r += (k - 1) * d * jump. */
function receptiveFields(graph: GraphFile): Record<string, number> {
  let field = 1;
  let jump = 1;
  const out: Record<string, number> = {};
  for (const node of graph.nodes) {
    const def = getLayerDef(node.kind)!;
    const p = withDefaults(def, node.params);
    if (node.kind === 'Conv2D') {
      field += (Number(p.kernelSize) - 1) * Number(p.dilationRate) * jump;
      jump *= Number(p.strides);
    } else if (node.kind === 'MaxPooling2D' || node.kind === 'AveragePooling2D') {
      field += (Number(p.poolSize) - 1) * jump;
      jump *= effectivePoolStride(p as unknown as Pooling2DParams);
    }
    out[node.id] = field;
  }
  return out;
}

describe('template explanations', () => {
  it('MLP: the first layer holds about half the parameters, with the stated counts', () => {
    const t = getTemplate('mlp-mnist')!;
    const inf = inferGraph(t.graph);
    const counts = ['dense_1', 'dense_2', 'dense_3', 'dense_4'].map((id) => inf.nodes[id].params);
    const share = counts[0] / inf.totalParams;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(t.explanation).toMatch(/About half of its 1,596,426 parameters/);
    expect(t.explanation).not.toMatch(/almost all/i);
    for (const c of counts) expect(t.explanation).toContain(n(c));
  });

  it('CNN: 896 first-layer parameters, the equivalent Dense counted with biases, an 8x8 receptive field', () => {
    const t = getTemplate('cnn-cifar10')!;
    const inf = inferGraph(t.graph);
    expect(inf.nodes.conv_1.params).toBe(896);
    expect(t.explanation).toContain('896 parameters (3 x 3 x 3 x 32 weights + 32 biases)');
    // A Dense from the 32x32x3 image to the same 32x32x32 map as conv_1's output.
    const inputs = 32 * 32 * 3;
    const outputs = inf.nodes.conv_1.outputs[0]!.reduce<number>((a, d) => a * (d ?? 0), 1);
    expect(outputs).toBe(32 * 32 * 32);
    expect(t.explanation).toContain(`${n(inputs)} x ${n(outputs)} weights + ${n(outputs)} biases = ${n(inputs * outputs + outputs)} parameters`);
    const rf = receptiveFields(t.graph);
    expect(rf.conv_1).toBe(3);
    expect(rf.pool_1).toBe(4);
    expect(rf.conv_2).toBe(8);
    expect(t.explanation).toContain('8x8-pixel patch');
    expect(t.explanation).not.toMatch(/6x6|3 million/);
  });

  it('one-to-many: the decoder only ever reads the repeated vector, and the text says so', () => {
    const t = getTemplate('one-to-many-digit-names')!;
    const into = t.graph.edges.filter((e) => e.target === 'decoder');
    expect(into.map((e) => t.graph.nodes.find((x) => x.id === e.source)!.kind)).toEqual(['RepeatVector']);
    expect(t.explanation).toContain('It never sees the characters it writes');
    expect(t.explanation).not.toMatch(/carries what it has written/);
  });

  it('tiny GPT: says where to generate text (the Try panel, layerlab predict)', () => {
    const t = getTemplate('char-gpt')!;
    expect(t.explanation).toContain(GENERATION_NOTE);
    expect(GENERATION_NOTE).toMatch(/Try it .* Generate/);
  });
});
