// Test support shared by templates-train.test.ts (every template learns) and templates-lessons.test.ts /
// templates-seq2seq-lessons.test.ts (the templates show what their explanations claim): trains a template's graph,
// or a variant of it, at small scale through the app's own path (loadDataset -> buildModel -> compileModel ->
// bindDataset -> fitModel) with seeded weights, and hands back the trained model with its metrics for further checks.
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EpochMetrics, TrainEventBody } from '../shared/api';
import type { GraphFile } from '../shared/graph/types';
import { buildModel, compileModel, type BuiltModel } from './engine/compile';
import { loadDataset } from './data';
import type { DatasetSplit, LoadedDataset, TensorData } from './data/types';
import { floatTensor } from './data/tensors';
import { bindDataset } from './training/job';
import { fitModel, type FitOutcome } from './training/fit-loop';
import { TrainControl } from './training/control';
import { seedMathRandom } from './training/seed';
import type { BackendInfo } from '../shared/api';
import { initBackend } from './engine/backend';
import { prepareEngine } from './engine/setup';

/** Templates whose lesson is proved in templates-lessons.test.ts or templates-seq2seq-lessons.test.ts (not in the table). */
export const LESSON_TEMPLATE_IDS = [
  'long-dependency-simplernn',
  'long-dependency-lstm',
  'long-dependency-gru',
  'wavenet-forecast',
  'seq2seq-dates',
  'seq2seq-dates-attention',
  'char-gpt',
];

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface SmallScale {
  /** Training pool cap (train + validation), validation fraction 0.2. */
  limit: number;
  epochs: number;
  batchSize?: number;
  /** Dataset option overrides (smaller synthetic pools, test files). */
  options?: Record<string, string | number | boolean>;
  /** Folder for dataset caches. */
  cacheDir: string;
  backend: BackendInfo;
  /** Weight initialisation and shuffling (default 5). */
  seed?: number;
  /** Changes the loaded data before training (e.g. cut a window). */
  transformData?: (d: LoadedDataset) => LoadedDataset;
}

export interface SmallRun {
  dataset: LoadedDataset;
  built: BuiltModel;
  outcome: FitOutcome;
  events: TrainEventBody[];
  epochs: EpochMetrics[];
  last: EpochMetrics;
  /** Loss of the first batch, before any update. */
  untrained: number;
  seconds: number;
}

/** Trains `graph` at small scale; the caller disposes `built.model`. Throws when training fails. */
export async function trainSmall(template: GraphFile, scale: SmallScale): Promise<SmallRun> {
  const graph = structuredClone(template);
  const options = { ...(graph.dataset.options ?? {}), ...(scale.options ?? {}) };
  if (graph.dataset.id === 'char-text') options.path = path.resolve(REPO_ROOT, String(options.path));
  graph.dataset = { ...graph.dataset, limit: scale.limit, validationSplit: 0.2, options };
  const seed = scale.seed ?? 5;
  const started = Date.now();
  const restoreRandom = seedMathRandom(seed);
  try {
    let dataset = await loadDataset(graph.dataset, { cacheDir: scale.cacheDir });
    if (scale.transformData) dataset = scale.transformData(dataset);
    const built = buildModel(graph, tf, dataset.shapes);
    compileModel(built.model, graph.training, tf);
    const events: TrainEventBody[] = [];
    const outcome = await fitModel(
      tf,
      built.model,
      bindDataset(dataset, built),
      { epochs: scale.epochs, batchSize: scale.batchSize ?? graph.training.batchSize, backend: scale.backend, seed, batchEventIntervalMs: 1e9 },
      (e) => events.push(e),
      new TrainControl(),
    );
    if (outcome.status === 'failed') {
      built.model.dispose();
      throw new Error(`training ${graph.name} failed: ${outcome.error}`);
    }
    const firstBatch = events.find((e): e is Extract<TrainEventBody, { type: 'batch' }> => e.type === 'batch')!;
    const epochs = events.filter((e): e is Extract<TrainEventBody, { type: 'epoch' }> => e.type === 'epoch').map((e) => e.metrics);
    return {
      dataset,
      built,
      outcome,
      events,
      epochs,
      last: epochs[epochs.length - 1],
      untrained: firstBatch.metrics.loss,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    restoreRandom();
  }
}

/** One line for the test log. */
export function describeRun(name: string, r: SmallRun): string {
  const m = r.last;
  return (
    `  ${name.padEnd(30)} ${r.dataset.train.size} train, ${r.epochs.length} epochs, ${r.seconds.toFixed(1)}s: untrained loss ${r.untrained.toFixed(3)}, ` +
    `final loss ${m.loss.toFixed(3)}, val_loss ${m.val_loss?.toFixed(3)}` +
    (m.acc !== undefined ? `, acc ${m.acc.toFixed(3)}` : '') +
    (m.val_acc !== undefined ? `, val_acc ${m.val_acc.toFixed(3)}` : '')
  );
}

/**
 * For a lesson test file: the wasm backend and a dataset cache folder for the file's tests (vitest hooks), and
 * `trained`, which trains a graph at small scale, logs its line, hands the run to `check` and disposes the model.
 * The lines are printed after the file's tests under `title`.
 */
export function lessonTrainer(title: string) {
  let tmp = '';
  let backend: BackendInfo;
  const results: string[] = [];
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'layerlab-lessons-'));
    backend = await initBackend('wasm');
    if (backend.name !== 'wasm') console.warn(`Training templates on ${backend.name}: ${backend.reason}`);
    prepareEngine(tf);
  }, 60_000);
  afterAll(async () => {
    console.log(`${title} (${backend?.name}):\n${results.join('\n')}`);
    await rm(tmp, { recursive: true, force: true });
  });
  async function trained<T>(name: string, graph: GraphFile, s: Omit<SmallScale, 'cacheDir' | 'backend'>, check: (r: SmallRun) => T): Promise<T> {
    const run = await trainSmall(graph, { ...s, cacheDir: tmp, backend });
    try {
      results.push(describeRun(name, run));
      return check(run);
    } finally {
      run.built.model.dispose();
    }
  }
  return { trained, results };
}

/** The last `steps` time steps of a [N, T, F] tensor. */
function lastOf(t: TensorData, steps: number): TensorData {
  const [n, total, f] = t.shape;
  const out = new Float32Array(n * steps * f);
  for (let i = 0; i < n; i++) out.set(t.data.subarray((i * total + total - steps) * f, (i + 1) * total * f), i * steps * f);
  return floatTensor(out, [n, steps, f]);
}

/** Throws unless the first `dropped` steps of every sample equal the first sample's: they carry no information. */
function requireConstantSteps(t: TensorData, dropped: number, feature: string): void {
  const [n, total, f] = t.shape;
  const width = dropped * f;
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < width; k++) {
      if (t.data[i * total * f + k] !== t.data[k]) {
        throw new Error(`feature '${feature}': sample ${i} differs from sample 0 in its first ${dropped} steps; cutting them would drop information`);
      }
    }
  }
}

/**
 * The dataset with feature `feature` ([N, T, F]) cut to its last `steps` steps in every split. With `onlyPadding`
 * it first checks that the cut steps are the same in every sample (padding), so the cut removes computation only.
 */
export function keepLastSteps(d: LoadedDataset, feature: string, steps: number, onlyPadding = false): LoadedDataset {
  const cut = (s: DatasetSplit | null): DatasetSplit | null => {
    if (!s) return null;
    const t = s.features[feature];
    if (onlyPadding) requireConstantSteps(t, t.shape[1] - steps, feature);
    return { ...s, features: { ...s.features, [feature]: lastOf(t, steps) } };
  };
  const shape = d.shapes.features[feature];
  return {
    ...d,
    shapes: { ...d.shapes, features: { ...d.shapes.features, [feature]: [steps, ...shape.slice(1)] } },
    train: cut(d.train)!,
    validation: cut(d.validation),
    test: cut(d.test),
  };
}
