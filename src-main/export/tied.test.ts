// Exports keep the tie: the PyTorch module assigns the Embedding's weight to the head (`lm_head.weight =
// wte.weight`), so torch counts the matrix once (= LayerLab = tfjs), trains, and with LayerLab's weights
// predicts what tfjs predicts (1e-4); the Keras head multiplies by the Embedding layer's own variable; the
// tfjs model files hold the matrix once and load tied in a fresh Node process with layerlab-custom-layers.js.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getTemplate } from '../../shared/templates';
import { inferGraphFile } from '../../shared/infer';
import { loadDataset } from '../data';
import type { LoadedDataset } from '../data/types';
import { buildModel, compileModel } from '../engine/compile';
import '../engine/custom/register';
import { exportGraph, PYTORCH_SCRIPT, WEIGHTS_NPZ } from '.';
import { parityNpz, runParity, type ParityCase } from './testing/parity';
import { anyPython, torchPython } from './testing/python';
import { expectScriptRun, scriptRuns } from './testing/script-runs';
import { tiedLmGraph } from './testing/tied-graphs';
import { generatePytorchScript } from './pytorch/script';
import { generateKerasScript } from './keras/script';
import { exportTfjsModel, MODEL_JSON, type TfjsModelJson } from './tfjs/export-tfjs';

const python = torchPython();
if (!python) console.warn('Skipping the tied-head PyTorch runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');
const syntaxPython = anyPython();
if (!syntaxPython) console.warn('Skipping the tied-head Keras syntax check: no python3 here.');

const root = path.resolve(__dirname, '../..');
// Inside the checkout, so the exported ES module's `import '@tensorflow/tfjs'` resolves to node_modules.
mkdirSync(path.join(root, 'out'), { recursive: true });
const tmp = mkdtempSync(path.join(root, 'out', 'layerlab-tied-export-'));
const charGpt = structuredClone(getTemplate('char-gpt')!.graph);
charGpt.dataset.limit = 96;
charGpt.training.batchSize = 16;
const GRAPHS = [tiedLmGraph, charGpt];
const datasets = new Map<string, LoadedDataset>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const g of GRAPHS) datasets.set(g.name, await loadDataset(g.dataset, { cacheDir: path.join(tmp, 'cache') }));
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The first `rows` samples of a dataset array as a tensor. */
function slice(t: LoadedDataset['train']['features'][string], rows: number): tf.Tensor {
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.tensor(t.data.subarray(0, rows * per), [rows, ...t.shape.slice(1)], t.dtype);
}

/** A model of `graph` after one epoch on 48 samples, with those inputs. */
async function trained(graph: typeof tiedLmGraph): Promise<{ model: tf.LayersModel; x: tf.Tensor }> {
  const data = datasets.get(graph.name)!;
  const { model } = buildModel(graph, tf, data.shapes);
  compileModel(model, graph.training, tf);
  const x = slice(data.train.features.x, 48);
  const y = slice(data.train.targets.y, 48);
  await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
  y.dispose();
  return { model, x };
}

describe('code that keeps the tie', () => {
  it('PyTorch: the head takes the Embedding\'s weight (and only the tied Embedding\'s)', () => {
    const { script, weights } = generatePytorchScript(tiedLmGraph);
    expect(script).toContain('self.lm_head = nn.Linear(12, 97, bias=True)');
    expect(script).toContain('self.lm_head.weight = self.wte.weight');
    expect(script).not.toContain('self.other.weight =');
    expect(script).toContain('h_lm_head = torch.softmax(self.lm_head(h_lstm), dim=-1)');
    // Both state_dict names of the shared matrix load from the one tfjs table.
    expect(weights.find((w) => w.nodeId === 'lm_head')!.mappings).toEqual([
      { tfjs: 'embeddings', node: 'wte', torch: 'lm_head.weight' },
      { tfjs: 'bias', torch: 'lm_head.bias' },
    ]);
  });

  it('Keras: the head multiplies by the Embedding layer\'s variable; the script parses', () => {
    const { script } = generateKerasScript(tiedLmGraph);
    expect(script).toContain('wte_layer = layers.Embedding(97, 12, mask_zero=False, name="wte")');
    expect(script).toContain('h_wte = wte_layer(h_x_)');
    expect(script).toContain('h_lm_head = LayerLabTiedDense(wte_layer, "softmax", True, name="lm_head")(h_lstm)');
    expect(script).toContain('tf.einsum("...d,vd->...v", x, self.embedding.embeddings)');
    expect(script).toContain('h_other = layers.Embedding(97, 12, mask_zero=False, name="other")(h_x_)');
    if (!syntaxPython) return;
    const r = spawnSync(syntaxPython, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: script, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe.skipIf(!python)('PyTorch runs of tied models (python3 + torch)', () => {
  const runOf = scriptRuns(python!, GRAPHS, (g) => datasets.get(g.name)!, (g) => path.join(tmp, `run-${g.name.replace(/\W+/g, '-')}`), 2);
  for (const g of GRAPHS) {
    it(`${g.name}: torch counts the matrix once (= LayerLab = tfjs) and the loss drops`, async () => {
      const run = await runOf(g);
      expect(run.tfjsParams).toBe(inferGraphFile(g).totalParams);
      expectScriptRun('tied', g, run, 2);
    }, 360_000);
  }

  it('LayerLab\'s trained weights give the same predictions in PyTorch (within 1e-4)', async () => {
    const cases: ParityCase[] = [];
    for (const g of GRAPHS) {
      const { model, x } = await trained(g);
      const expected = model.predict(x) as tf.Tensor;
      const dir = path.join(tmp, `parity-${g.name.replace(/\W+/g, '-')}`);
      await exportGraph({ graph: g, format: 'pytorch', outDir: dir, model });
      const inputs = path.join(dir, 'parity.npz');
      writeFileSync(inputs, parityNpz([x], [expected]));
      cases.push({ name: g.name, script: path.join(dir, PYTORCH_SCRIPT), weights: path.join(dir, WEIGHTS_NPZ), inputs });
      tf.dispose([x, expected]);
      model.dispose();
    }
    const diffs = runParity(python!, cases, tmp);
    console.log(`[tied] max |torch - tfjs|: ${JSON.stringify(diffs)}`);
    for (const g of GRAPHS) expect(diffs[g.name]?.max_diff, g.name).toBeLessThan(1e-4);
  }, 480_000);
});

describe('tfjs model files of a tied model', () => {
  it('hold the matrix once and load tied in a fresh Node process with layerlab-custom-layers.js, same predictions', async () => {
    const { model, x } = await trained(tiedLmGraph);
    const dir = path.join(tmp, 'tfjs');
    const result = await exportTfjsModel(model, dir);
    expect(result.customClasses).toEqual(['LayerLabTiedDense', 'LayerLabTiedEmbedding']);
    const json = JSON.parse(readFileSync(path.join(dir, MODEL_JSON), 'utf8')) as TfjsModelJson;
    const names = json.weightsManifest[0].weights.map((w) => w.name);
    expect(names.filter((n) => n.startsWith('n_wte/') || n.startsWith('n_lm_head/')).sort()).toEqual(['n_lm_head/bias', 'n_wte/embeddings']);
    const floats = json.weightsManifest[0].weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(floats).toBe(inferGraphFile(tiedLmGraph).totalParams);
    const expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    const xs = Array.from(x.dataSync());
    model.dispose();
    x.dispose();

    // A fresh Node process: only the exported files, tfjs and the custom-layers module. It reports the vocab x d
    // tables it has (the tied one and the untied 'other') and the head's own weights (the bias only).
    const program = `
      import * as tf from '@tensorflow/tfjs';
      import fs from 'node:fs';
      const dir = ${JSON.stringify(dir)};
      await import(dir + '/layerlab-custom-layers.js');
      const json = JSON.parse(fs.readFileSync(dir + '/model.json', 'utf8'));
      const bin = fs.readFileSync(dir + '/weights.bin');
      const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
      const x = tf.tensor2d(${JSON.stringify(xs)}, [48, 16]);
      const prediction = Array.from(model.predict(x).dataSync());
      const tables = model.trainableWeights.filter((w) => w.shape.join('x') === '97x12').map((w) => w.originalName);
      console.log(JSON.stringify({ prediction, tables, params: model.countParams(), headWeights: model.getLayer('n_lm_head').weights.map((w) => w.originalName) }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as { prediction: number[]; tables: string[]; params: number; headWeights: string[] };
    expect(out.params).toBe(inferGraphFile(tiedLmGraph).totalParams);
    expect(out.tables.sort()).toEqual(['n_other/embeddings', 'n_wte/embeddings']);
    expect(out.headWeights).toEqual(['n_lm_head/bias']);
    // The fresh process runs tfjs's own LSTM, LayerLab its fused one (same maths, other order of float sums):
    // equal to rounding (9e-10 measured), far below what a wrong or untied weight would give.
    expect(Math.max(...out.prediction.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-6);
  }, 240_000);
});
