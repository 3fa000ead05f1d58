// Import: a model exported to tfjs files comes back as the same graph: every node with every parameter, every
// wire between the same handles, the same inferred parameter count; a Keras model.to_json() config imports
// too; unknown classes are named.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphEdge, GraphFile, GraphNode } from '../../shared/graph/types';
import { getLayerDef, withDefaults } from '../../shared/layers';
import { getTemplate } from '../../shared/templates';
import { datasetShapes } from '../../shared/data/catalog';
import { inferGraph } from '../../shared/infer';
import { parseGraphFile } from '../../shared/graph/validate';
import { buildModel, layerNameFor } from '../engine/compile';
import { exportTfjsModel, MODEL_JSON } from '../export/tfjs/export-tfjs';
import { graph, KIND_GRAPHS } from '../export/testing/graphs';
import { importModelJson, ImportError } from './model-json';
import { wantsAutoLayout } from '../../shared/graph/layout';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-import-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Non-default values for every importable parameter that KIND_GRAPHS leaves at its default (epsilons, pool
 * strides, merge mode, RNN activations, returned and initial states, mask_zero, Concatenate axis, Permute of
 * three axes), so a round trip that dropped one of them back to its default would show.
 */
const variantsGraph = graph(
  'import variants',
  [
    ['seq', 'Input', { feature: 'seq', shape: [12, 6] }],
    ['cv', 'Conv1D', { filters: 4, kernelSize: 5, padding: 'same', activation: 'relu' }],
    ['sr', 'SimpleRNN', { units: 5, activation: 'relu', returnSequences: true, returnState: true }],
    ['gru', 'GRU', { units: 5, activation: 'softsign', returnSequences: true, returnState: true, useInitialState: true }],
    ['bi', 'Bidirectional', { cell: 'LSTM', units: 3, mergeMode: 'sum', returnSequences: false }],
    ['img', 'Input', { feature: 'img', shape: [8, 8, 2] }],
    ['mp', 'MaxPooling2D', { poolSize: 3, strides: 1, padding: 'same' }],
    ['ap', 'AveragePooling2D', { poolSize: 3, strides: 2 }],
    ['perm', 'Permute', { dims: [3, 1, 2] }],
    ['flat', 'Flatten'],
    ['tok', 'Input', { feature: 'tok', shape: [6] }],
    ['emb', 'Embedding', { inputDim: 20, outputDim: 4, maskZero: true }],
    ['lstm', 'LSTM', { units: 4, activation: 'elu' }],
    ['cat', 'Concatenate', { axis: 1 }],
    ['bn', 'BatchNormalization', { momentum: 0.9, epsilon: 0.01 }],
    ['ln', 'LayerNormalization', { epsilon: 0.00001 }],
    ['act', 'Activation', { activation: 'tanh' }],
    ['head', 'Dense', { units: 3, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [
    ['seq', 'cv'], ['cv', 'sr'], ['sr', 'gru'], ['sr', 'gru', 'h', 'h0'], ['gru', 'bi'],
    ['img', 'mp'], ['mp', 'ap'], ['ap', 'perm'], ['perm', 'flat'],
    ['tok', 'emb'], ['emb', 'lstm'],
    // Concatenate's input order is its output layout: the import must keep it.
    ['lstm', 'cat'], ['flat', 'cat'], ['bi', 'cat'],
    ['cat', 'bn'], ['bn', 'ln'], ['ln', 'act'], ['act', 'head'], ['head', 'y'],
  ],
  {},
);
/** Its inputs are not a dataset's: shapes come from the Input nodes alone. */
const shapesFor = (g: GraphFile) => (g === variantsGraph ? undefined : datasetShapes(g.dataset));

/** An exported model cannot carry which dataset feature an Input reads or an Output's target: the import
 * names them x, x2, ... and y, y2, ... (in the model file's order, checked as a set below). */
const BINDINGS: Record<string, { param: string; prefix: string }> = { Input: { param: 'feature', prefix: 'x' }, Output: { param: 'target', prefix: 'y' } };

/** The imported node for each original node: same tfjs layer name; Outputs by their order. */
function matchNodes(original: GraphFile, imported: GraphFile): Map<string, GraphNode> {
  const byId = new Map(imported.nodes.map((n) => [n.id, n]));
  const importedOutputs = imported.nodes.filter((n) => n.kind === 'Output');
  let outputs = 0;
  const match = new Map<string, GraphNode>();
  for (const n of original.nodes) {
    const m = n.kind === 'Output' ? importedOutputs[outputs++] : byId.get(layerNameFor(n.id));
    if (!m) throw new Error(`node '${n.id}' (${n.kind}) has no imported counterpart ${layerNameFor(n.id)}`);
    match.set(n.id, m);
  }
  return match;
}

/**
 * Every parameter of every node, with defaults filled in on both sides, must come back; a Reshape's -1 comes
 * back as the size inference gives it (the model file stores the resolved shape).
 */
function expectSameParams(original: GraphFile, imported: GraphFile, match: Map<string, GraphNode>): void {
  const inf = inferGraph(original, shapesFor(original));
  for (const [kind, { param, prefix }] of Object.entries(BINDINGS)) {
    const count = original.nodes.filter((n) => n.kind === kind).length;
    const names = imported.nodes.filter((n) => n.kind === kind).map((n) => n.params[param]);
    expect(names.sort()).toEqual(Array.from({ length: count }, (_, i) => `${prefix}${i === 0 ? '' : i + 1}`).sort());
  }
  for (const n of original.nodes) {
    const m = match.get(n.id)!;
    const def = getLayerDef(n.kind)!;
    const want = withDefaults(def, n.params);
    const got = withDefaults(def, m.params);
    if (n.kind === 'Reshape') want.targetShape = inf.nodes[n.id].outputs[0] as number[];
    const binding = BINDINGS[n.kind]?.param;
    if (binding) {
      delete want[binding];
      delete got[binding];
    }
    expect({ node: n.id, kind: m.kind, params: got }).toEqual({ node: n.id, kind: n.kind, params: want });
  }
}

/** Every wire by its endpoints (node and handle), in the order each target receives them. */
function expectSameWires(original: GraphFile, imported: GraphFile, match: Map<string, GraphNode>): void {
  const wire = (e: GraphEdge, id: (nodeId: string) => string) => `${id(e.source)}.${e.sourceHandle} -> ${id(e.target)}.${e.targetHandle}`;
  const wanted = original.edges.map((e) => wire(e, (id) => match.get(id)!.id));
  // Per target in edge order (merge inputs are ordered), targets themselves in any order.
  const byTarget = (wires: string[]) => wires.map((w, i) => [w.split(' -> ')[1], i, w] as const).sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]).map((t) => t[2]);
  expect(byTarget(imported.edges.map((e) => wire(e, (id) => id)))).toEqual(byTarget(wanted));
}

describe('import a tfjs model.json', () => {
  for (const original of [getTemplate('mlp-mnist')!.graph, ...KIND_GRAPHS, variantsGraph]) {
    it(`${original.name}: export to tfjs, import back: every node's parameters, every wire, the same count`, async () => {
      const shapes = shapesFor(original);
      const { model } = buildModel(original, tf, shapes);
      const dir = path.join(tmp, original.name.replace(/\W+/g, '-'));
      await exportTfjsModel(model, dir);
      model.dispose();
      const imported = importModelJson(readFileSync(path.join(dir, MODEL_JSON), 'utf8'), original.name);
      const inf = inferGraph(imported);
      expect(inf.errors).toEqual([]);
      expect(inf.totalParams).toBe(inferGraph(original, shapes).totalParams);
      expect(imported.nodes).toHaveLength(original.nodes.length);
      const match = matchNodes(original, imported);
      expectSameParams(original, imported, match);
      expectSameWires(original, imported, match);
      // A valid graph file, laid out left to right: every edge goes to a column further right.
      expect(() => parseGraphFile(JSON.stringify(imported))).not.toThrow();
      const x = new Map(imported.nodes.map((n) => [n.id, n.position.x]));
      for (const e of imported.edges) expect(x.get(e.target)!).toBeGreaterThan(x.get(e.source)!);
    }, 30_000);
  }

  it('keeps causal padding, initial states and returned states', async () => {
    const { model } = buildModel(KIND_GRAPHS[2], tf, datasetShapes(KIND_GRAPHS[2].dataset));
    const dir = path.join(tmp, 'rnn-check');
    await exportTfjsModel(model, dir);
    model.dispose();
    const g = importModelJson(readFileSync(path.join(dir, MODEL_JSON), 'utf8'));
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('n_causal')!.params).toMatchObject({ padding: 'causal', dilationRate: 2 });
    expect(byId.get('n_dec')!.params).toMatchObject({ useInitialState: true });
    expect(g.edges.filter((e) => e.target === 'n_dec').map((e) => [e.sourceHandle, e.targetHandle]).sort()).toEqual([
      ['c', 'c0'], ['h', 'h0'], ['out', 'in'],
    ]);
  }, 30_000);
});

describe('import a Keras JSON config', () => {
  it('a Sequential model.to_json() config becomes a chain with the same count', () => {
    const keras = {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', name: 'input_1' } },
          { class_name: 'Conv2D', config: { name: 'conv2d', filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { name: 'max_pooling2d', pool_size: [2, 2], strides: [2, 2], padding: 'valid' } },
          { class_name: 'Flatten', config: { name: 'flatten' } },
          { class_name: 'Dense', config: { name: 'dense', units: 10, activation: 'softmax', use_bias: true } },
        ],
      },
      keras_version: '2.15.0',
      backend: 'tensorflow',
    };
    const g = importModelJson(JSON.stringify(keras));
    expect(g.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Output']);
    expect(g.dataset.representation).toBe('image');
    expect(inferGraph(g).totalParams).toBe(8 * (9 + 1) + 10 * (14 * 14 * 8 + 1));
  });

  it('an unknown layer class is refused with its name', () => {
    const keras = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } }, { class_name: 'Lambda', config: { name: 'my_lambda' } }] },
    };
    expect(() => importModelJson(JSON.stringify(keras))).toThrow(ImportError);
    expect(() => importModelJson(JSON.stringify(keras))).toThrow(/Layer 'my_lambda' has class 'Lambda', which LayerLab cannot import/);
    expect(() => importModelJson('{"nope": 1}')).toThrow(/Not a tfjs Layers model.json or Keras model config/);
    expect(() => importModelJson('not json')).toThrow(/Not valid JSON/);
  });

  // Keras 2.15 model.to_json() of Sequential([Input((20, 8)), Bidirectional(GRU(256, reset_after=R)), Dense(1)]).
  const biGru = (resetAfter: boolean, batchShape: (number | null)[] = [null, 20, 8]) => ({
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: batchShape, dtype: 'float32', sparse: false, ragged: false, name: 'seq' } },
        {
          class_name: 'Bidirectional',
          config: {
            name: 'bigru', trainable: true, merge_mode: 'concat',
            layer: { module: 'keras.layers', class_name: 'GRU', config: { name: 'gru', units: 256, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, return_sequences: false, reset_after: resetAfter } },
          },
        },
        { class_name: 'Dense', config: { name: 'dense', units: 1, activation: 'linear', use_bias: true } },
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  });

  it('Bidirectional(GRU(reset_after=True)) is refused like a plain one (Keras counts 1,536 more parameters here)', () => {
    // Keras: 2 directions x 3 gates x 256 units x (8 + 256 + 2); tfjs's GRU has one bias per gate (+1, not +2).
    const kerasCount = 2 * 3 * 256 * (8 + 256 + 2) + (512 + 1);
    const tfjsCount = 2 * 3 * 256 * (8 + 256 + 1) + (512 + 1);
    expect(kerasCount - tfjsCount).toBe(1536);
    expect(() => importModelJson(JSON.stringify(biGru(true)))).toThrow(
      "Layer 'bigru': Bidirectional(GRU) with reset_after=True (the Keras default) has two biases per gate; LayerLab's GRU (tfjs) uses reset_after=False",
    );
    // With reset_after=False it is the same layer as tfjs's, and the counts agree.
    expect(inferGraph(importModelJson(JSON.stringify(biGru(false)))).totalParams).toBe(tfjsCount);
  });

  it('an input with an unknown size names the axis', () => {
    expect(() => importModelJson(JSON.stringify(biGru(false, [null, null, 8])))).toThrow(
      "Input layer 'seq' has an unknown size on axis 1 of its shape [None, None, 8] (a variable length)",
    );
    expect(() => importModelJson(JSON.stringify(biGru(false, [null, null])))).toThrow(/unknown size on axis 1 of its shape \[None, None\]/);
    expect(() => importModelJson(JSON.stringify(biGru(false, [null, null, null])))).toThrow(/unknown size on axes 1 and 2 of its shape \[None, None, None\]/);
  });
});

describe('a real Keras model: the toy ResNet of the Keras Functional API guide', () => {
  it("imports with the guide's 223,242 parameters, its two residual adds, and is marked to be laid out", () => {
    const text = readFileSync(path.join(__dirname, 'testdata/toy-resnet.keras.json'), 'utf8');
    const g = importModelJson(text, 'toy_resnet');
    const inf = inferGraph(g);
    expect(inf.errors).toEqual([]);
    expect(inf.totalParams).toBe(223_242);
    expect(g.nodes.filter((n) => n.kind === 'Add')).toHaveLength(2);
    expect(g.edges.filter((e) => e.target === 'add').map((e) => e.source).sort()).toEqual(['conv2d_3', 'max_pooling2d']);
    expect(wantsAutoLayout(g)).toBe(true);
  });
});

describe('a malformed model.json is an ImportError naming the field', () => {
  const model = (config: Record<string, unknown>) => JSON.stringify({ modelTopology: { class_name: 'Model', config } });
  const dense = { class_name: 'Dense', config: { units: 1 } };
  it('a Functional/Model config without output_layers, or with a malformed one', () => {
    expect(() => importModelJson(model({ layers: [dense] }))).toThrow(new ImportError('The model config has no output_layers (a Functional/Model config lists its outputs there)'));
    expect(() => importModelJson(model({ layers: [dense], output_layers: 'x' }))).toThrow(/^output_layers should be a list of \[layer name, node index, tensor index\], got "x"$/);
  });
  it("inbound_nodes that is not a list, layers that are not objects, a number that is not a number", () => {
    expect(() => importModelJson(model({ layers: [{ ...dense, inbound_nodes: 'x' }], output_layers: [] }))).toThrow(`Layer 'layer_0': inbound_nodes should be a list, got "x"`);
    expect(() => importModelJson(model({ layers: [5] }))).toThrow('Layer 1 of config.layers should be an object with class_name and config, got 5');
    expect(() => importModelJson(model({ layers: 'x' }))).toThrow('config.layers should be a list of layers, got "x"');
    expect(() => importModelJson('null')).toThrow(ImportError);
    const seq = (units: unknown) => JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units, batch_input_shape: [null, 2] } }] } });
    expect(() => importModelJson(seq('4'))).toThrow(`Layer 'layer_0': units should be a number, got "4"`);
  });
});
