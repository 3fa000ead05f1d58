// Every core layer kind: inferred output shape and parameter count equal what tfjs builds.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getLayerDef, withDefaults } from '../../../../shared/layers';
import type { ParamValues, Shape } from '../../../../shared/layers/types';
import { getBuilder } from '..';
import type { SymbolicTensor } from '../../types';
import { buildModel } from '../../compile';
import { inferGraph } from '../../../../shared/infer';
import { chainGraph } from '../../../../shared/templates/build';
import type { GraphFile } from '../../../../shared/graph/types';
import { coreLayers } from '../../../../shared/layers/core';
import { coreBuilders } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let counter = 0;

/** Build `kind` on fresh tf.inputs of the given shapes; return inferred and built facts. */
function buildBoth(kind: string, params: ParamValues, inputShapes: Shape[][]) {
  const def = getLayerDef(kind);
  if (!def) throw new Error(`unknown kind ${kind}`);
  const full = withDefaults(def, params);
  const inferred = def.infer(inputShapes, full);
  const symbolic: SymbolicTensor[][] = inputShapes.map((shapes) =>
    shapes.map((s) => tf.input({ shape: s as number[], name: `in_${++counter}` })),
  );
  const name = `layer_${++counter}`;
  const outs = getBuilder(kind).build(symbolic, full, { tf, nodeId: name, name });
  const model = tf.model({ inputs: symbolic.flat(), outputs: outs[0] });
  return { inferred, model };
}

interface Case {
  kind: string;
  params: ParamValues;
  inputs: Shape[][];
}

const cases: Case[] = [
  { kind: 'Dense', params: {}, inputs: [[[784]]] },
  { kind: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: [[[32]]] },
  { kind: 'Dense', params: { units: 7, useBias: false, activation: 'tanh' }, inputs: [[[5]]] },
  { kind: 'Dense', params: { units: 3, activation: 'gelu' }, inputs: [[[28, 28, 1]]] },
  { kind: 'Dense', params: { units: 4 }, inputs: [[[null, 6]]] },
  { kind: 'Dropout', params: { rate: 0.3 }, inputs: [[[12]]] },
  { kind: 'Dropout', params: {}, inputs: [[[4, 5, 6]]] },
  { kind: 'Flatten', params: {}, inputs: [[[28, 28, 1]]] },
  { kind: 'Flatten', params: {}, inputs: [[[3, 4]]] },
  { kind: 'Flatten', params: {}, inputs: [[[9]]] },
  { kind: 'Activation', params: { activation: 'softmax' }, inputs: [[[3, 5]]] },
  { kind: 'Activation', params: { activation: 'swish' }, inputs: [[[8]]] },
  { kind: 'Reshape', params: {}, inputs: [[[784]]] },
  { kind: 'Reshape', params: { targetShape: [-1, 4] }, inputs: [[[6, 2, 2]]] },
  { kind: 'Reshape', params: { targetShape: [2, -1, 3] }, inputs: [[[24]]] },
  { kind: 'Permute', params: {}, inputs: [[[28, 10]]] },
  { kind: 'Permute', params: { dims: [3, 1, 2] }, inputs: [[[4, 5, 6]]] },
  { kind: 'Permute', params: { dims: [2, 1] }, inputs: [[[null, 7]]] },
  { kind: 'BatchNormalization', params: {}, inputs: [[[32]]] },
  { kind: 'BatchNormalization', params: { momentum: 0.9, epsilon: 1e-5 }, inputs: [[[8, 8, 3]]] },
  { kind: 'LayerNormalization', params: {}, inputs: [[[16]]] },
  { kind: 'LayerNormalization', params: { epsilon: 1e-6 }, inputs: [[[null, 12]]] },
  { kind: 'Add', params: {}, inputs: [[[10], [10]]] },
  { kind: 'Add', params: {}, inputs: [[[4, 3], [4, 3], [4, 3]]] },
  { kind: 'Multiply', params: {}, inputs: [[[6], [6]]] },
  { kind: 'Multiply', params: {}, inputs: [[[2, 3, 4], [2, 3, 4]]] },
  { kind: 'Concatenate', params: {}, inputs: [[[64], [32]]] },
  { kind: 'Concatenate', params: { axis: 1 }, inputs: [[[3, 5], [4, 5]]] },
  { kind: 'Concatenate', params: { axis: -3 }, inputs: [[[2, 3, 4], [5, 3, 4], [1, 3, 4]]] },
  { kind: 'Concatenate', params: { axis: -2 }, inputs: [[[2, 3, 4], [2, 1, 4]]] },
  { kind: 'Concatenate', params: {}, inputs: [[[null, 5], [null, 7]]] },
];

describe('core layers match tfjs', () => {
  it('covers every core kind', () => {
    const tested = new Set([...cases.map((c) => c.kind), 'Input', 'Output']);
    expect(coreLayers.map((d) => d.kind).filter((k) => !tested.has(k))).toEqual([]);
    expect(coreBuilders.map((b) => b.kind).sort()).toEqual(coreLayers.map((d) => d.kind).sort());
  });

  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`, () => {
      const { inferred, model } = buildBoth(c.kind, c.params, c.inputs);
      expect(inferred.outputs[0]).toEqual(model.outputs[0].shape.slice(1));
      expect(inferred.params).toBe(model.countParams());
    });
  }

  it('Input gives a tf.input of its shape', () => {
    const def = getLayerDef('Input')!;
    const params = withDefaults(def, { shape: [28, 28, 1] });
    const [x] = getBuilder('Input').build([], params, { tf, nodeId: 'a', name: `input_${++counter}` });
    expect(def.infer([], params).outputs[0]).toEqual(x.shape.slice(1));
    expect(def.infer([], params).params).toBe(0);
  });

  it('Output adds no tensors and no parameters', () => {
    const x = tf.input({ shape: [10] });
    const def = getLayerDef('Output')!;
    expect(getBuilder('Output').build([[x]], withDefaults(def, {}), { tf, nodeId: 'o', name: 'o' })).toEqual([]);
    expect(def.infer([[[10]]], withDefaults(def, {}))).toEqual({ outputs: [], params: 0 });
  });
});

describe('whole graphs of core layers match tfjs', () => {
  function check(graph: GraphFile) {
    const inference = inferGraph(graph);
    expect(inference.errors).toEqual([]);
    const { model } = buildModel(graph, tf);
    const out = graph.edges.find((e) => e.target === graph.nodes.find((n) => n.kind === 'Output')!.id)!;
    expect(inference.edges[out.id]).toEqual(model.outputs[0].shape.slice(1));
    expect(inference.totalParams).toBe(model.countParams());
    model.dispose();
  }

  it('Reshape with -1 feeds Flatten (tfjs alone would leave the -1 axis unknown)', () => {
    check(
      chainGraph({
        name: 'rows',
        description: '',
        steps: [
          { id: 'x', kind: 'Input', params: { shape: [784] } },
          { id: 'r', kind: 'Reshape', params: { targetShape: [-1, 28] } },
          { id: 'p', kind: 'Permute', params: { dims: [2, 1] } },
          { id: 'bn', kind: 'BatchNormalization' },
          { id: 'f', kind: 'Flatten' },
          { id: 'd', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
          { id: 'y', kind: 'Output' },
        ],
      }),
    );
  });

  it('a residual block with Add, Concatenate and Multiply', () => {
    const g = chainGraph({
      name: 'res',
      description: '',
      steps: [
        { id: 'x', kind: 'Input', params: { shape: [16] } },
        { id: 'h', kind: 'Dense', params: { units: 16 } },
        { id: 'ln', kind: 'LayerNormalization' },
        { id: 'sum', kind: 'Add' },
        { id: 'cat', kind: 'Concatenate' },
        { id: 'gate', kind: 'Multiply' },
        { id: 'act', kind: 'Activation', params: { activation: 'tanh' } },
        { id: 'drop', kind: 'Dropout', params: { rate: 0.1 } },
        { id: 'y', kind: 'Output' },
      ],
    });
    const wire = (source: string, target: string) =>
      g.edges.push({ id: `extra_${source}_${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
    wire('x', 'sum'); // skip connection: sum = ln(h(x)) + x
    wire('x', 'cat'); // cat = [sum ; x] -> [32]
    g.nodes.push({ id: 'g', kind: 'Dense', params: { units: 32, activation: 'sigmoid' }, position: { x: 0, y: 200 } });
    wire('x', 'g');
    wire('g', 'gate'); // gate = cat * sigmoid(W x + b)
    check(g);
  });
});
