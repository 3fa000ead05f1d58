// Every trainable template, exported as a PyTorch script, runs in Debian's python3-torch: each is exported
// with a tiny slice of its own dataset (written as data.npz, as the app's export does), trained for two
// epochs, and must (a) exit 0, (b) build a module whose parameter count equals LayerLab's inferred total,
// (c) end with a lower training loss than it started with. Both losses are the script's own evaluate() over
// the whole training split in eval mode: `loss_before` (untrained weights) vs the last epoch's train loss.
// Multi-input templates (seq2seq with encoder input + decoder_in, ...) feed every named input.
// Then each template's tfjs model, after one optimizer step, is exported with its weights (weights.npz):
// the PyTorch module fed the same inputs must predict what tfjs predicts, within 1e-4.
// View-only templates (GPT-1/2/3, extras.viewOnly) are skipped: building them would allocate billions of weights.
// The scripts run as `__main__` in two python processes (two shared cores), half of the templates each, so
// torch is imported twice rather than once per template (runScriptsInOnePython).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { DatasetConfig, GraphFile } from '../../../shared/graph/types';
import { TEMPLATES, isViewOnly, type Template } from '../../../shared/templates';
import { loadDataset } from '../../data';
import type { LoadedDataset, TensorData } from '../../data/types';
import { buildModel, compileModel } from '../../engine/compile';
import { ensureGradientFixes } from '../../engine/custom/gradients';
import { writeLearnableCifar } from '../../data/testFiles';
import { CIFAR_TRAIN_FILES } from '../../data/cifar';
import { exportGraph, DATA_NPZ, PYTORCH_SCRIPT, WEIGHTS_NPZ } from '..';
import { PARITY_PY, parityNpz, type ParityCase, type ParityResult } from '../testing/parity';
import { runScriptsInOnePython, torchPython } from '../testing/python';
import { generatePytorchScript } from './script';

const python = torchPython();
if (!python) console.warn('Skipping the template PyTorch runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');

const TRAINABLE = TEMPLATES.filter((t) => !isViewOnly(t));
const VIEW_ONLY = TEMPLATES.filter(isViewOnly);
console.log(`[pytorch templates] skipped as view-only (extras.viewOnly; building them would allocate their full weights): ${VIEW_ONLY.map((t) => t.id).join(', ')}`);

/** Training pool per template (train + validation, validation fraction 0.1). */
const POOL = 160;
const EPOCHS = 2;
/** Batch size cap, so that two epochs take a couple of dozen optimizer steps. */
const MAX_BATCH = 16;
/** Python processes that run the templates' scripts (each imports torch once). */
const PARALLEL = 2;

const repoRoot = path.resolve(__dirname, '../../..');
let tmp = '';

/** The template's dataset shrunk to a tiny pool: generated datasets make only about POOL samples. */
function tinyDataset(dataset: DatasetConfig): DatasetConfig {
  const options: Record<string, string | number | boolean> = { ...(dataset.options ?? {}) };
  for (const key of ['samples', 'episodes']) if (typeof options[key] === 'number') options[key] = Math.min(Number(options[key]), POOL);
  if (dataset.id === 'time-series') options.length = 400; // windows of a 400-step series; `limit` caps them at POOL
  if (dataset.id === 'cifar10') options.path = path.join(tmp, 'cifar');
  if (dataset.id === 'char-text' && typeof options.path === 'string') options.path = path.resolve(repoRoot, options.path);
  return { ...dataset, limit: POOL, validationSplit: 0.1, options };
}

function tinyGraph(t: Template): GraphFile {
  const g = structuredClone(t.graph);
  g.dataset = tinyDataset(g.dataset);
  g.training = { ...g.training, epochs: EPOCHS, batchSize: Math.min(g.training.batchSize, MAX_BATCH) };
  return g;
}


interface ScriptResult {
  params: number;
  layerlab_params: number;
  loss_before: number;
  history: { epoch: number; loss: number }[];
  seconds: number;
  samples: number;
}

interface Outcome {
  /** LayerLab's inferred total for the tiny graph (what the export plans from). */
  layerlabParams: number;
  inputs: string[];
  status: number | null;
  stderr: string;
  /** Set when loading the data or exporting failed before python ran. */
  error?: string;
  result: ScriptResult | null;
  /** Wall time of the script inside its Python process (torch is imported once per process, before it). */
  seconds: number;
}

/** Runs `python args` in `cwd` without blocking the event loop (the parity driver). */
function runAsync(args: string[], cwd: string, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python!, args, { cwd, env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const loaded = new Map<string, Promise<{ graph: GraphFile; dataset: LoadedDataset }>>();

/** The tiny graph and its loaded dataset, loaded once per template (the runs and the parity check share them). */
function tinyTemplate(t: Template): Promise<{ graph: GraphFile; dataset: LoadedDataset }> {
  let p = loaded.get(t.id);
  if (!p) {
    const graph = tinyGraph(t);
    p = loadDataset(graph.dataset, { cacheDir: path.join(tmp, 'cache') }).then((dataset) => ({ graph, dataset }));
    loaded.set(t.id, p);
  }
  return p;
}

interface Exported {
  layerlabParams: number;
  inputs: string[];
  dir: string;
}

/** Exports the template's tiny graph with its data (model.py + data.npz), as the app's export does. */
async function exportTemplate(t: Template): Promise<Exported> {
  const { graph, dataset } = await tinyTemplate(t);
  const dir = path.join(tmp, t.id);
  const res = await exportGraph({ graph, format: 'pytorch', outDir: dir, dataset });
  const written = res.files.map((f) => path.basename(f)).join(', ');
  if (written !== `${PYTORCH_SCRIPT}, ${DATA_NPZ}`) throw new Error(`${t.id}: the export wrote ${written}, not ${PYTORCH_SCRIPT} and ${DATA_NPZ}`);
  const plan = generatePytorchScript(graph, dataset.shapes).plan;
  return { layerlabParams: plan.inference.totalParams, inputs: plan.inputs.map((n) => String(n.params.feature)), dir };
}

const failedExport = (e: unknown): Outcome => ({
  layerlabParams: NaN, inputs: [], status: null, stderr: '', error: e instanceof Error ? e.stack ?? e.message : String(e), result: null, seconds: 0,
});

/** Runs a group of templates' scripts, each as `python model.py` would, in one Python process. */
async function runGroup(group: Template[]): Promise<Map<string, Outcome>> {
  const exported = await Promise.all(group.map((t) => exportTemplate(t).then((e) => ({ t, e }), (err: unknown) => ({ t, err }))));
  const outcomes = new Map<string, Outcome>();
  const ready: { t: Template; e: Exported }[] = [];
  for (const x of exported) {
    if ('err' in x) outcomes.set(x.t.id, failedExport(x.err));
    else ready.push(x);
  }
  const runs = await runScriptsInOnePython(python!, ready.map(({ t, e }) => ({ name: t.id, script: PYTORCH_SCRIPT, cwd: e.dir })), { timeoutMs: 900_000 });
  for (const { t, e } of ready) {
    const run = runs.get(t.id)!;
    outcomes.set(t.id, {
      layerlabParams: e.layerlabParams, inputs: e.inputs, status: run.status, stderr: run.stderr,
      result: run.result as ScriptResult | null, seconds: run.ms / 1000,
    });
  }
  return outcomes;
}

const outcomes = new Map<string, Promise<Outcome>>();
const report: string[] = [];

/** Starts every template's run up front in PARALLEL Python processes; each test awaits its own (never rejects). */
function startAll(): void {
  for (let k = 0; k < PARALLEL; k++) {
    const group = TRAINABLE.filter((_, i) => i % PARALLEL === k);
    const runs = runGroup(group).catch((e: unknown) => new Map(group.map((t) => [t.id, failedExport(e)])));
    for (const t of group) outcomes.set(t.id, runs.then((m) => m.get(t.id)!));
  }
}

describe.skipIf(!python)('every trainable template runs as an exported PyTorch script (python3 + torch)', () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerlab-pt-templates-'));
    await writeLearnableCifar(path.join(tmp, 'cifar'), POOL / CIFAR_TRAIN_FILES.length, 10);
    startAll();
  });
  afterAll(async () => {
    // Let any run still going finish before its folder disappears.
    await Promise.allSettled(outcomes.values());
    console.log(`[pytorch templates] ${POOL}-sample pools, ${EPOCHS} epochs, batch <= ${MAX_BATCH}:\n${report.join('\n')}`);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('covers every template that is not view-only', () => {
    expect(TRAINABLE.length).toBeGreaterThanOrEqual(14);
    expect(TRAINABLE.length + VIEW_ONLY.length).toBe(TEMPLATES.length);
    expect(VIEW_ONLY.every((t) => t.graph.extras?.viewOnly === true)).toBe(true);
  });

  for (const t of TRAINABLE) {
    it(`${t.id}: exits 0, parameter count equals LayerLab's, train loss after ${EPOCHS} epochs < untrained`, async () => {
      const o = await outcomes.get(t.id)!;
      const r = o.result;
      report.push(
        `  ${t.id.padEnd(28)} inputs ${o.inputs.join('+').padEnd(14)} params LayerLab ${o.layerlabParams} / torch ${r?.params ?? '-'}; ` +
          `train loss ${r ? `${r.loss_before.toFixed(4)} -> ${r.history.map((h) => h.loss.toFixed(4)).join(' -> ')}` : '-'}; ` +
          `${r?.samples ?? '-'} samples, ${o.seconds.toFixed(1)} s` + (o.status === 0 ? '' : `  FAILED (${o.error ? 'export' : `exit ${o.status}`})`),
      );
      expect(o.error, `${t.id}: loading the data or exporting failed`).toBeUndefined();
      expect(o.status, `${t.id}: ${o.stderr.slice(-3000)}`).toBe(0);
      expect(r, `${t.id}: no RESULT line`).not.toBeNull();
      expect(r!.params).toBe(o.layerlabParams);
      expect(r!.layerlab_params).toBe(o.layerlabParams);
      expect(r!.history).toHaveLength(EPOCHS);
      const last = r!.history[EPOCHS - 1].loss;
      expect(Number.isFinite(last)).toBe(true);
      expect(last).toBeLessThan(r!.loss_before);
    }, 600_000);
  }

  it('weights.npz from tfjs gives the same predictions in PyTorch for every template (within 1e-4), every input fed', async () => {
    await tf.setBackend('cpu');
    ensureGradientFixes(tf); // dilated convolutions (WaveNet, SNAIL) in the training step below
    const rows = 8;
    const slice = (t: TensorData): tf.Tensor => {
      const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
      return tf.tensor(t.data.subarray(0, rows * per), [rows, ...t.shape.slice(1)], t.dtype);
    };
    const cases: ParityCase[] = [];
    for (const t of TRAINABLE) {
      const { graph, dataset } = await tinyTemplate(t);
      const built = buildModel(graph, tf, dataset.shapes);
      compileModel(built.model, graph.training, tf);
      const xs = built.inputs.map((i) => slice(dataset.train.features[i.feature]));
      const ys = built.outputs.map((o) => slice(dataset.train.targets[o.target]));
      // One optimizer step, so biases, norms and BatchNorm statistics are no longer their initial values.
      await built.model.fit(xs, ys, { epochs: 1, batchSize: rows, verbose: 0 });
      const predicted = built.model.predict(xs);
      const expected = Array.isArray(predicted) ? predicted : [predicted];
      const dir = path.join(tmp, `parity-${t.id}`);
      const res = await exportGraph({ graph, format: 'pytorch', outDir: dir, model: built.model });
      expect(res.files.map((f) => path.basename(f)), `${t.id}: ${res.notes.join(' ')}`).toContain(WEIGHTS_NPZ);
      const inputs = path.join(dir, 'parity.npz');
      await writeFile(inputs, parityNpz(xs, expected));
      cases.push({ name: t.id, script: path.join(dir, PYTORCH_SCRIPT), weights: path.join(dir, WEIGHTS_NPZ), inputs });
      tf.dispose([...xs, ...ys, ...expected]);
      built.model.dispose();
    }
    const driver = path.join(tmp, 'parity.py');
    await writeFile(driver, PARITY_PY);
    const run = await runAsync([driver, JSON.stringify(cases)], tmp, 300_000);
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const diffs = JSON.parse(run.stdout.trim().split('\n').pop()!) as ParityResult;
    console.log(`[pytorch templates] max |torch - tfjs| per template: ${Object.entries(diffs).map(([k, v]) => `${k} ${v.max_diff.toExponential(1)}`).join(', ')}`);
    for (const t of TRAINABLE) {
      const { graph } = await tinyTemplate(t);
      expect(diffs[t.id]?.inputs, t.id).toBe(graph.nodes.filter((n) => n.kind === 'Input').length);
      expect(diffs[t.id]?.max_diff, t.id).toBeLessThan(1e-4);
    }
  }, 600_000);
});
