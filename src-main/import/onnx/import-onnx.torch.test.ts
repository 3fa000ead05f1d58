// ONNX import on real files: Debian's torch builds and exports small modules (testing/torch_models.py: an MLP
// with BatchNorm1d, two CNNs, two stacked LSTMs, a Transformer encoder with one layer and one with two, a Conv1d +
// RNN, a GRU and a model with unsupported operators), LayerLab imports each, and the imported tfjs model must give
// torch's outputs on the same inputs (within 1e-4) with torch's parameter count (give or take exactly what the
// script says and why). The imported model with freshly initialised weights must NOT match, so the comparison can fail.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { inferGraph } from '../../../shared/infer';
import { buildModel } from '../../engine/compile';
import { runPython, torchPython } from '../../export/testing/python';
import { RunStore } from '../../training/run-store';
import { loadModelFromFolder } from '../../training/model-files';
import { ImportError } from '../model-json';
import { importOnnx, type OnnxImport } from './import-onnx';
import { buildImportedModel, saveImportedRun } from './imported-run';

const python = torchPython();
if (!python) console.warn('Skipping the ONNX import tests on torch exports: no python3 with torch here (apt-get install python3-torch python3-onnx, or set LAYERLAB_PYTHON).');

interface Reference {
  params: number;
  /** LayerLab's parameter count minus torch's (torch_models.py says why per model). */
  difference: number;
  input: number[];
  inputShape: number[];
  output: number[];
  outputShape: number[];
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-onnx-in-'));
const file = (name: string) => path.join(tmp, `${name}.onnx`);
const reference = (name: string) => JSON.parse(readFileSync(path.join(tmp, `${name}.json`), 'utf8')) as Reference;

/** torch's NCHW / NCL input as LayerLab's channels-last sample layout. */
function layerlabInput(ref: Reference, channelsFirst: boolean): tf.Tensor {
  const x = tf.tensor(ref.input, ref.inputShape);
  if (ref.inputShape.length === 4) return tf.transpose(x, [0, 2, 3, 1]);
  if (channelsFirst) return tf.transpose(x, [0, 2, 1]);
  return x;
}

function maxDiff(model: tf.LayersModel, ref: Reference, channelsFirst = false): number {
  const y = model.predict(layerlabInput(ref, channelsFirst)) as tf.Tensor;
  expect(y.shape).toEqual(ref.outputShape);
  const got = y.dataSync();
  return Math.max(...ref.output.map((v, i) => Math.abs(v - got[i])));
}

describe.skipIf(!python)('importing torch.onnx.export files', () => {
  beforeAll(() => {
    const r = runPython(python!, [path.join(__dirname, 'testing', 'torch_models.py'), tmp], { timeoutMs: 300_000 });
    if (r.status !== 0) throw new Error(`torch_models.py failed: ${r.stderr.slice(-2000)}`);
  }, 320_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const imported = (name: string): OnnxImport => importOnnx(readFileSync(file(name)), name);

  it.each([
    ['mlp', ['Input', 'Dense', 'BatchNormalization', 'Activation', 'Dense', 'Activation', 'Dense', 'Output']],
    ['cnn', ['Input', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten', 'Dense', 'Conv2D', 'GlobalAveragePooling2D', 'Dense', 'Add', 'Output']],
    ['bncnn', ['Input', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Output']],
    ['lstm', ['Input', 'LSTM', 'LSTM', 'Dense', 'Output']],
    ['encoder', ['Input', 'Dense', 'TransformerEncoderBlock', 'Dense', 'Output']],
    ['encoder2', ['Input', 'TransformerEncoderBlock', 'TransformerEncoderBlock', 'Output']],
    ['seq', ['Input', 'Conv1D', 'SimpleRNN', 'SelectStep', 'Dense', 'Output']],
  ])('%s: the graph, torch\'s parameter count and torch\'s outputs within 1e-4', async (name, kinds) => {
    const ref = reference(name);
    const imp = imported(name);
    expect([...imp.graph.nodes.map((n) => n.kind)].sort()).toEqual([...kinds].sort());
    expect(inferGraph(imp.graph).totalParams).toBe(ref.params + ref.difference);
    const model = await buildImportedModel(imp);
    expect(model.countParams()).toBe(ref.params + ref.difference);
    const conv1d = name === 'seq'; // its [N, C, L] input is [N, L, C] in LayerLab
    expect(maxDiff(model, ref, conv1d)).toBeLessThan(1e-4);
    // The same graph with its own initial weights is far off: the match above comes from the imported weights.
    const fresh = buildModel(imp.graph, tf).model;
    expect(maxDiff(fresh, ref, conv1d)).toBeGreaterThan(1e-2);
    model.dispose();
    fresh.dispose();
  }, 60_000);

  it('folds activations into the layer before them and keeps torch module names as labels', () => {
    const { graph } = imported('mlp');
    const dense = graph.nodes.filter((n) => n.kind === 'Dense');
    expect(dense.map((n) => n.params.activation)).toEqual(['linear', 'tanh', 'softmax']);
    // relu follows the BatchNormalization, sigmoid a Dense whose tanh is already folded: both stay layers.
    expect(graph.nodes.filter((n) => n.kind === 'Activation').map((n) => n.params.activation)).toEqual(['relu', 'sigmoid']);
    expect(dense.map((n) => n.label)).toEqual(['fc1', 'fc2', 'out']);
  });

  it('says what it changed: the LSTMs\' summed biases', () => {
    const { notes } = imported('lstm');
    expect(notes.filter((n) => /two; they are summed/.test(n))).toHaveLength(2);
  });

  it('refuses PyTorch\'s GRU (linear_before_reset=1) with the reason', () => {
    expect(() => imported('gru')).toThrow(/linear_before_reset=1 \(PyTorch's nn\.GRU\)/);
  });

  it('lists every unsupported operator by name and node, and imports nothing', () => {
    let err: unknown;
    try {
      imported('unsupported');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    const message = (err as Error).message;
    expect(message).toMatch(/Erf \(node '\/Erf'\)/);
    expect(message).toMatch(/Floor \(node '\/Floor'\)/);
    expect(message).toMatch(/Nothing was imported/);
  });

  it('stores the weights as a run marked imported, which loads back like a trained run', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const imp = imported('cnn');
    const runId = await saveImportedRun(dataDir, imp, 'cnn.onnx');
    const store = new RunStore(dataDir);
    const run = (await store.get(runId))!;
    expect(run.imported).toEqual({ format: 'onnx', file: 'cnn.onnx', producer: expect.stringMatching(/^pytorch/), opset: 17 });
    expect(run.status).toBe('completed');
    expect(run.epochsHistory).toEqual([]);
    expect(run.log[0]).toMatch(/not trained in LayerLab/);
    const loaded = await loadModelFromFolder(store.modelDir(runId), tf);
    expect(maxDiff(loaded, reference('cnn'))).toBeLessThan(1e-4);
    loaded.dispose();
  }, 60_000);
});
