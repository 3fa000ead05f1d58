// Attention and transformer kinds in the PyTorch and Keras exports. Debian's python3-torch trains each graph
// (two small graphs that use every attention kind and option, the Transformer classifier and the tiny GPT
// template) for one epoch: the script's parameter count must equal LayerLab's inference and tfjs's, and the
// loss must drop. LayerLab's weights exported as weights.npz give the same predictions in PyTorch (1e-4).
// The Keras scripts must parse (TensorFlow is not installable here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import { TEMPLATES, getTemplate, isViewOnly } from '../../../shared/templates';
import { attentionLayers } from '../../../shared/layers/attention';
import { loadDataset } from '../../data';
import type { LoadedDataset } from '../../data/types';
import { buildModel, compileModel } from '../../engine/compile';
import { exportGraph, PYTORCH_SCRIPT, WEIGHTS_NPZ } from '..';
import { parityNpz, runParity, type ParityCase } from '../testing/parity';
import { anyPython, runPython, torchPython } from '../testing/python';
import { expectScriptRun, scriptRuns } from '../testing/script-runs';
import { generateKerasScript } from '../keras/script';
import { ALL_KERAS_GENERATORS } from '../keras';
import { ATTENTION_GRAPHS } from './attention/test-graphs';
import { ALL_PY_GENERATORS } from '.';
import { generatePytorchScript } from './script';

const python = torchPython();
if (!python) console.warn('Skipping the attention PyTorch runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');
const syntaxPython = anyPython();
if (!syntaxPython) console.warn('Skipping the attention Keras syntax checks: no python3 here.');

function template(id: string, limit: number, batchSize: number): GraphFile {
  const t = getTemplate(id);
  if (!t) throw new Error(`template '${id}' is missing`);
  const g = structuredClone(t.graph);
  g.dataset.limit = limit;
  g.training.batchSize = batchSize;
  return g;
}

const GRAPHS: GraphFile[] = [...ATTENTION_GRAPHS, template('transformer-encoder-mnist', 256, 32), template('char-gpt', 96, 16)];

const ATTENTION_KINDS = new Set(attentionLayers.map((d) => d.kind));
/** Every buildable template that uses an attention kind (seq2seq with attention, SNAIL, ...). */
const ATTENTION_TEMPLATES = TEMPLATES.filter((t) => !isViewOnly(t) && t.graph.nodes.some((n) => ATTENTION_KINDS.has(n.kind)));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-pt-attn-'));
const datasets = new Map<GraphFile, LoadedDataset>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const g of GRAPHS) datasets.set(g, await loadDataset(g.dataset, { cacheDir: path.join(tmp, 'cache') }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dirFor = (g: GraphFile) => path.join(tmp, g.name.replace(/[^a-z0-9]+/gi, '-'));

describe('attention generators', () => {
  it('every attention kind has a PyTorch and a Keras generator, and the test graphs use every one', () => {
    const kinds = attentionLayers.map((d) => d.kind);
    const py = new Set(ALL_PY_GENERATORS.map((g) => g.kind));
    const keras = new Set(ALL_KERAS_GENERATORS.map((g) => g.kind));
    expect(kinds.filter((k) => !py.has(k))).toEqual([]);
    expect(kinds.filter((k) => !keras.has(k))).toEqual([]);
    const used = new Set(ATTENTION_GRAPHS.flatMap((g) => g.nodes.map((n) => n.kind)));
    expect(kinds.filter((k) => !used.has(k))).toEqual([]);
  });

  it('the PyTorch module mirrors the options (causal, hard, scores, cross-attention, gelu)', () => {
    const [attn, blocks] = ATTENTION_GRAPHS.map((g) => generatePytorchScript(g).script);
    expect(attn).toContain('self.self_ = LayerLabAttention("scaled", "soft", True, 16, 16, units=0)');
    expect(attn).toContain('h_self_, h_self__scores = self.self_(h_pe, h_pe)');
    expect(attn).toContain('h_hard, _ = self.hard(h_self_, h_x_, h_emb)');
    expect(attn).toContain('LayerLabMHA(28, 16, 16, heads=2, head_key_dim=4, head_value_dim=3, use_bias=True, causal=True, dropout=0.1)');
    expect(blocks).toContain('memory_dim=16)');
    expect(blocks).toContain('h_dec = self.dec(h_dec_in, h_enc)');
    expect(blocks).toContain('activation=(lambda t: F.gelu(t, approximate="tanh"))');
  });

  it.skipIf(!syntaxPython)('Keras scripts of the attention graphs and templates parse as Python', () => {
    for (const g of [...GRAPHS, ...ATTENTION_TEMPLATES.map((t) => t.graph)]) {
      const { script } = generateKerasScript(g);
      const r = spawnSync(syntaxPython!, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: script, encoding: 'utf8' });
      expect(r.status, `${g.name}: ${r.stderr}`).toBe(0);
    }
  });
});

describe.skipIf(!python)('exported PyTorch scripts with attention run (python3 + torch)', () => {
  const runOf = scriptRuns(python!, GRAPHS, (g) => datasets.get(g)!, dirFor);
  for (const g of GRAPHS) {
    it(`${g.name}: one epoch, parameter count equals LayerLab's and tfjs's, loss drops`, async () => {
      expectScriptRun('pytorch attention', g, await runOf(g));
    }, 180_000);
  }

  it('every buildable template with attention: the PyTorch module has exactly LayerLab\'s parameter count', () => {
    const cases = ATTENTION_TEMPLATES.map((t) => {
      const exp = generatePytorchScript(t.graph);
      const script = path.join(tmp, `template-${t.id}.py`);
      writeFileSync(script, exp.script);
      return { id: t.id, script, expected: exp.plan.inference.totalParams };
    });
    expect(cases.length).toBeGreaterThanOrEqual(4);
    const driver = path.join(tmp, 'count.py');
    writeFileSync(driver, COUNT_PY);
    const run = runPython(python!, [driver, JSON.stringify(cases)]);
    expect(run.status, run.stderr).toBe(0);
    const counts = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
    console.log(`[pytorch attention] template parameter counts: ${JSON.stringify(counts)}`);
    for (const c of cases) expect(counts[c.id], c.id).toBe(c.expected);
  }, 120_000);

  it('weights.npz from tfjs gives the same predictions in PyTorch (within 1e-4)', async () => {
    const cases: ParityCase[] = [];
    const t0 = Date.now();
    for (const g of GRAPHS) {
      const data = datasets.get(g)!;
      const { model } = buildModel(g, tf, data.shapes);
      compileModel(model, g.training, tf);
      // A few training steps so every weight (biases, layer norms, the learned table) is non-trivial.
      const rows = 32;
      const slice = (t: LoadedDataset['train']['features'][string]) => {
        const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
        return tf.tensor(t.data.subarray(0, rows * per), [rows, ...t.shape.slice(1)], t.dtype);
      };
      const x = slice(data.train.features.x);
      const y = slice(data.train.targets.y);
      await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
      const expected = model.predict(x) as tf.Tensor;
      const dir = dirFor(g);
      const res = await exportGraph({ graph: g, format: 'pytorch', outDir: dir, model });
      expect(res.files.map((f) => path.basename(f)), res.notes.join('\n')).toContain(WEIGHTS_NPZ);
      const inputs = path.join(dir, 'parity.npz');
      writeFileSync(inputs, parityNpz([x], [expected]));
      cases.push({ name: g.name, script: path.join(dir, PYTORCH_SCRIPT), weights: path.join(dir, WEIGHTS_NPZ), inputs });
      tf.dispose([x, y, expected]);
      model.dispose();
    }
    console.log(`[pytorch attention] parity: tfjs fits and exports ${Date.now() - t0} ms`);
    const diffs = runParity(python!, cases, tmp);
    console.log(`[pytorch attention] max |torch - tfjs| per graph: ${JSON.stringify(diffs)}`);
    for (const g of GRAPHS) expect(diffs[g.name]?.max_diff, g.name).toBeLessThan(1e-4);
  }, 180_000);
});

const COUNT_PY = `
import importlib.util, json, sys

out = {}
for i, case in enumerate(json.loads(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(f"template_{i}", case["script"])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out[case["id"]] = mod.count_params(mod.LayerLabModel())
print(json.dumps(out))
`;
