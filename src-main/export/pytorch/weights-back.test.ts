// The PyTorch engine's weight hand-back, for every layer kind the PyTorch export supports: PyTorch trains each
// test graph with the exported script's own train() (as an engine run does), its final.npz is converted into
// the tfjs model built from the graph (loadTorchWeights), saved as model.json + weights.bin and loaded back the
// way evaluation, export and the other views load a run, and that model must predict what torch predicts
// within 1e-4. The same model with its own fresh weights must NOT (so the comparison can fail).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import { getTemplate } from '../../../shared/templates';
import { loadDataset } from '../../data';
import type { LoadedDataset, TensorData } from '../../data/types';
import { buildModel, compileModel } from '../../engine/compile';
import { prepareEngine } from '../../engine/setup';
import { loadModelFromFolder, saveModelToFolder } from '../../training/model-files';
import { exportGraph, PYTORCH_SCRIPT, DATA_NPZ } from '..';
import { decodeNpz, type NpyArray } from '../npz';
import { parityNpz, REVERSE_PARITY_PY, type ReverseParityCase } from '../testing/parity';
import { KIND_GRAPHS } from '../testing/graphs';
import { TIED_GRAPHS } from '../testing/tied-graphs';
import { runPython, torchPython } from '../testing/python';
import { ATTENTION_GRAPHS } from './attention/test-graphs';
import { ALL_PY_GENERATORS } from '.';
import { generatePytorchScript } from './script';
import { loadTorchWeights } from './weights';

const python = torchPython();
if (!python) console.warn('Skipping the PyTorch -> tfjs weight hand-back runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');

function template(id: string, limit: number, batchSize: number): GraphFile {
  const g = structuredClone(getTemplate(id)!.graph);
  g.dataset.limit = limit;
  g.training.batchSize = batchSize;
  return g;
}

const GRAPHS: GraphFile[] = [...KIND_GRAPHS, ...ATTENTION_GRAPHS, ...TIED_GRAPHS, template('mlp-mnist', 256, 32), template('transformer-encoder-mnist', 256, 32)];
const ROWS = 16;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-pt-back-'));
const datasets = new Map<GraphFile, LoadedDataset>();
const dirFor = (g: GraphFile) => path.join(tmp, g.name.replace(/[^a-z0-9]+/gi, '-'));

function rowsOf(t: TensorData): tf.Tensor {
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.tensor(t.data.subarray(0, ROWS * per), [ROWS, ...t.shape.slice(1)], t.dtype);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
  for (const g of GRAPHS) datasets.set(g, await loadDataset(g.dataset, { cacheDir: path.join(tmp, 'cache') }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function maxDiff(a: tf.Tensor[], b: NpyArray[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((t, i) => {
    expect(t.shape).toEqual(b[i].shape);
    const x = t.dataSync();
    for (let k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(x[k] - b[i].data[k]));
  });
  return worst;
}

describe('PyTorch -> tfjs weight hand-back', () => {
  it('the test graphs use every kind the PyTorch export supports', () => {
    const used = new Set(GRAPHS.flatMap((g) => g.nodes.map((n) => n.kind)));
    expect(ALL_PY_GENERATORS.map((g) => g.kind).filter((k) => !used.has(k))).toEqual([]);
  });

  it('refuses a state_dict that does not fit, naming the weight', () => {
    const g = GRAPHS.find((x) => x.name === 'core kinds')!;
    const data = datasets.get(g)!;
    const exp = generatePytorchScript(g, data.shapes);
    const { model } = buildModel(g, tf, data.shapes);
    try {
      const state: Record<string, NpyArray> = {};
      for (const w of exp.weights.flatMap((n) => n.mappings)) state[w.torch] = { data: new Float32Array(1), shape: [1] };
      expect(() => loadTorchWeights(tf, model, exp, {})).toThrow(/have no 'd1\.weight'/);
      expect(() => loadTorchWeights(tf, model, exp, state)).toThrow(/'d1\.weight' has shape \[1\], which does not fit n_d1\/kernel \[784, 32\]/);
    } finally {
      model.dispose();
    }
  });
});

describe.skipIf(!python)('a tfjs model loaded from a PyTorch run predicts what torch predicts (python3 + torch)', () => {
  it('every kind: within 1e-4 after save and load as model files; untransferred weights differ', async () => {
    const cases: ReverseParityCase[] = [];
    const inputs = new Map<GraphFile, tf.Tensor[]>();
    for (const g of GRAPHS) {
      const data = datasets.get(g)!;
      const dir = dirFor(g);
      mkdirSync(dir, { recursive: true });
      await exportGraph({ graph: g, format: 'pytorch', outDir: dir, dataset: data });
      const { inputs: ins } = buildModel(g, tf, data.shapes);
      const xs = ins.map((i) => rowsOf(data.test?.features[i.feature] ?? data.train.features[i.feature]));
      inputs.set(g, xs);
      writeFileSync(path.join(dir, 'inputs.npz'), parityNpz(xs, []));
      cases.push({
        name: g.name, script: path.join(dir, PYTORCH_SCRIPT), data: path.join(dir, DATA_NPZ), inputs: path.join(dir, 'inputs.npz'), dir,
        epochs: 1, batchSize: g.training.batchSize,
      });
    }
    const driver = path.join(tmp, 'reverse.py');
    writeFileSync(driver, REVERSE_PARITY_PY);
    const run = runPython(python!, [driver, JSON.stringify(cases)], { timeoutMs: 540_000 });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, { final: string; predictions: string; epochs_done: number }>;

    const report: string[] = [];
    for (const g of GRAPHS) {
      const r = results[g.name];
      expect(r?.epochs_done, g.name).toBe(1);
      const data = datasets.get(g)!;
      const torchPreds = Object.entries(decodeNpz(readFileSync(r.predictions)))
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([, a]) => a);
      const built = buildModel(g, tf, data.shapes);
      compileModel(built.model, g.training, tf);
      const xs = inputs.get(g)!;
      const fresh = built.model.predict(xs) as tf.Tensor | tf.Tensor[];
      const freshDiff = maxDiff(Array.isArray(fresh) ? fresh : [fresh], torchPreds);
      tf.dispose(fresh);

      loadTorchWeights(tf, built.model, generatePytorchScript(g, data.shapes), decodeNpz(readFileSync(r.final), r.final));
      const folder = path.join(dirFor(g), 'tfjs-model');
      await saveModelToFolder(built.model, folder);
      built.model.dispose();
      const loaded = await loadModelFromFolder(folder, tf);
      const preds = loaded.predict(xs) as tf.Tensor | tf.Tensor[];
      const diff = maxDiff(Array.isArray(preds) ? preds : [preds], torchPreds);
      tf.dispose([preds, ...xs]);
      loaded.dispose();
      report.push(`${g.name}: ${diff.toExponential(1)} (fresh tfjs weights: ${freshDiff.toExponential(1)})`);
      expect(diff, g.name).toBeLessThan(1e-4);
      expect(freshDiff, `${g.name}: a model without the PyTorch weights should not match`).toBeGreaterThan(1e-3);
    }
    console.log(`[pytorch -> tfjs] max |tfjs - torch| per graph: ${report.join('; ')}`);
  }, 600_000);
});
