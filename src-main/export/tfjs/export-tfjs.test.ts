// tfjs export: model.json + weights.bin load back with tf.loadLayersModel (a file-reading IOHandler and
// tf.io.fromMemory) with identical predictions; the JSON has the layout tensorflowjs_converter reads; and
// layerlab-custom-layers.js lets plain Node load a model with a LayerLab layer (causal Conv1D -> CausalPad1D).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getTemplate } from '../../../shared/templates';
import { datasetShapes } from '../../../shared/data/catalog';
import { buildModel } from '../../engine/compile';
import { REGISTERED_CUSTOM_CLASS_NAMES } from '../../engine/custom/register';
import { recurrentGraph } from '../testing/graphs';
import { customClassesIn, exportTfjsModel, MODEL_JSON, WEIGHTS_BIN, type TfjsModelJson } from './export-tfjs';
import { loadModelFromFolder } from '../../training/model-files';
import { CUSTOM_LAYERS_FILE, LAYERLAB_CUSTOM_CLASS_NAMES } from './custom-layers';

const root = path.resolve(__dirname, '../../..');
// Inside the checkout, so the exported ES module's `import '@tensorflow/tfjs'` resolves to node_modules.
mkdirSync(path.join(root, 'out'), { recursive: true }); // absent in a fresh clone
const tmp = mkdtempSync(path.join(root, 'out', 'layerlab-tfjs-export-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('tfjs Layers export', () => {
  it('MLP template: files load back with identical predictions; model.json has the converter layout', async () => {
    const graph = getTemplate('mlp-mnist')!.graph;
    const { model } = buildModel(graph, tf);
    const dir = path.join(tmp, 'mlp');
    const result = await exportTfjsModel(model, dir);
    expect(result.files.map((f) => path.basename(f))).toEqual([MODEL_JSON, WEIGHTS_BIN, CUSTOM_LAYERS_FILE]);
    expect(result.customClasses).toEqual([]);

    const json = JSON.parse(readFileSync(path.join(dir, MODEL_JSON), 'utf8')) as TfjsModelJson;
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v4\./);
    expect(json).toHaveProperty('convertedBy');
    expect((json.modelTopology as { class_name: string }).class_name).toBe('Model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual([`./${WEIGHTS_BIN}`]);
    const bytes = json.weightsManifest[0].weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
    expect(readFileSync(path.join(dir, WEIGHTS_BIN)).byteLength).toBe(bytes);
    expect(bytes).toBe(1_596_426 * 4);

    const x = tf.randomUniform([5, 784]);
    const expected = model.predict(x) as tf.Tensor;
    const fromFolder = await loadModelFromFolder(dir, tf);
    expect(maxDiff(fromFolder.predict(x) as tf.Tensor, expected)).toBe(0);
    const weightData = new Uint8Array(readFileSync(path.join(dir, WEIGHTS_BIN))).buffer;
    const fromMemory = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
    expect(maxDiff(fromMemory.predict(x) as tf.Tensor, expected)).toBe(0);
    tf.dispose([x, expected]);
    [model, fromFolder, fromMemory].forEach((m) => m.dispose());
  }, 60_000);

  it('the custom-layer class names list matches the engine\'s custom layers', () => {
    expect([...LAYERLAB_CUSTOM_CLASS_NAMES].sort()).toEqual(['CausalPad1D', 'LayerLabSelectStep', ...REGISTERED_CUSTOM_CLASS_NAMES].sort());
  });

  it('a model with a causal Conv1D loads in plain Node after importing layerlab-custom-layers.js, same predictions', async () => {
    const { model } = buildModel(recurrentGraph, tf, datasetShapes(recurrentGraph.dataset));
    const dir = path.join(tmp, 'causal');
    const result = await exportTfjsModel(model, dir);
    expect([...result.customClasses].sort()).toEqual(['CausalPad1D', 'LayerLabSelectStep']);
    expect([...customClassesIn(JSON.parse(readFileSync(path.join(dir, MODEL_JSON), 'utf8')).modelTopology)].sort()).toEqual(['CausalPad1D', 'LayerLabSelectStep']);

    const x = tf.tensor3d(Array.from({ length: 2 * 28 * 28 }, (_, i) => ((i * 37) % 101) / 101), [2, 28, 28]);
    const expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    model.dispose();
    // A fresh Node process: only the exported files, tfjs and the custom-layers module.
    const program = `
      import * as tf from '@tensorflow/tfjs';
      import fs from 'node:fs';
      const dir = ${JSON.stringify(dir)};
      tf.env().set('PROD', true);
      const load = async () => tf.loadLayersModel(tf.io.fromMemory((() => {
        const json = JSON.parse(fs.readFileSync(dir + '/model.json', 'utf8'));
        const bin = fs.readFileSync(dir + '/weights.bin');
        return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
                 weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) };
      })()));
      let before = 'loaded';
      try { await load(); } catch (e) { before = e.message; }
      await import(dir + '/layerlab-custom-layers.js');
      const model = await load();
      const x = tf.tensor3d(Array.from({ length: 2 * 28 * 28 }, (_, i) => ((i * 37) % 101) / 101), [2, 28, 28]);
      console.log(JSON.stringify({ before, prediction: Array.from(model.predict(x).dataSync()) }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as { before: string; prediction: number[] };
    expect(out.before).toMatch(/Unknown layer: CausalPad1D/);
    const diff = Math.max(...out.prediction.map((v, i) => Math.abs(v - expected[i])));
    console.log(`[tfjs] causal Conv1D model in a fresh Node process: max diff ${diff}`);
    // The fresh process runs tfjs's own LSTM, LayerLab its fused one (same maths, other order of float sums):
    // equal to rounding (7e-9 measured), far below what a wrong weight or a missing causal pad would give.
    expect(diff).toBeLessThan(1e-6);
    x.dispose();
  }, 90_000);
});
