// One training run inside the worker: backend, dataset, model, fit, weights, final event.
// Kept apart from worker.ts (the process entry) so it can be tested in-process.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import { detailOf, errorDetail, type BackendInfo, type ErrorDetail, type LogDetail, type TrainEventBody } from '../../shared/api';
import { datasetFailure, wrappedDetail } from './failure-detail';
import type { TorchPython } from './protocol';
import { initBackend } from '../engine/backend';
import { buildModel, compileModel, layerNameFor, type BuiltModel } from '../engine/compile';
import { prepareEngine } from '../engine/setup';
import { loadDataset } from '../data';
import type { DatasetSplit, LoadedDataset } from '../data/types';
import { datasetShapes } from '../../shared/data/catalog';
import { fitModel, outcomeEvent, type Emit, type FitData, type FitOutcome, type FitSplit } from './fit-loop';
import type { TrainControl } from './control';
import { saveModelToFolder } from './model-files';
import { LatestWeightsWriter, removeLatestWeights } from './latest-weights';
import { evaluateModel, type EvaluateOptions } from './evaluate';
import { evaluationLine } from './evaluation-line';
import { decoderBinding } from '../engine/seq2seq-decode';
import { WeightSnapshot } from './early-stopping';
import { seedMathRandom } from './seed';
import { nameNodesIn, nodeName } from '../../shared/graph/node-names';
import { diagnosticsEvery } from './diagnostics';

/** The graph node id a tfjs layer was built for (layers a node adds under other names keep their own name). */
export function nodeOfLayer(graph: GraphFile): (layerName: string) => string {
  const ids = new Map(graph.nodes.map((n) => [layerNameFor(n.id), n.id]));
  return (name) => ids.get(name) ?? name;
}

export interface JobRequest {
  runId: string;
  graph: GraphFile;
  runDir: string;
  cacheDir: string;
  /** PyTorch-engine runs: the Python to run (main's probe), or why there is none. */
  pytorch?: TorchPython;
}

/** Folder inside a run's folder that holds model.json + weights.bin (the weights training ended with). */
export const MODEL_DIR = 'model';
/** Folder with the best epoch's weights (by the early-stopping monitor, else val_loss, else loss). */
export const BEST_DIR = 'best';
/** Evaluation time limit after a user's stop (main kills a worker that takes much longer). */
const EVAL_LIMIT_AFTER_STOP_MS = 8_000;
const EVAL_LIMIT_MS = 300_000;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Picks the arrays each model input / output needs, in model order, by feature / target name. */
export function bindSplit(split: DatasetSplit, built: BuiltModel, which: string, name: (nodeId: string) => string = (id) => `node ${id}`): FitSplit {
  const xs = built.inputs.map(({ nodeId, feature }) => {
    const t = split.features[feature];
    if (!t) {
      throw new Error(
        `${capitalised(name(nodeId))} reads feature '${feature}', but the ${which} data has only: ${Object.keys(split.features).join(', ')}`,
      );
    }
    return t;
  });
  const ys = built.outputs.map(({ nodeId, target }) => {
    const t = split.targets[target];
    if (!t) {
      throw new Error(
        `${capitalised(name(nodeId))} predicts target '${target}', but the ${which} data has only: ${Object.keys(split.targets).join(', ')}`,
      );
    }
    return t;
  });
  return { size: split.size, xs, ys };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `graph` names the nodes in messages as the canvas shows them (else by id). */
export function bindDataset(dataset: LoadedDataset, built: BuiltModel, graph?: GraphFile): FitData {
  const name = graph ? (id: string) => nodeName(graph, id) : undefined;
  return {
    train: bindSplit(dataset.train, built, 'training', name),
    validation: dataset.validation && dataset.validation.size > 0 ? bindSplit(dataset.validation, built, 'validation', name) : null,
  };
}

/** A coded error with its texts (message and string parameters) passed through `rename`. */
function renamedDetail(d: ErrorDetail, rename: (text: string) => string): ErrorDetail {
  const params = Object.fromEntries(Object.entries(d.params).map(([k, v]) => [k, typeof v === 'string' ? rename(v) : v]));
  return errorDetail(d.code, params, rename(d.message), d.cause && renamedDetail(d.cause, rename));
}

/** Errors and warnings leave the worker naming nodes as the canvas shows them, not by tfjs layer names. */
function namingNodes(emit: Emit, graph: GraphFile): Emit {
  const rename = (text: string) => nameNodesIn(text, graph);
  return (event) => {
    if (event.type === 'failed') {
      emit({
        ...event,
        error: rename(event.error),
        ...(event.hint ? { hint: rename(event.hint) } : {}),
        ...(event.detail ? { detail: renamedDetail(event.detail, rename) } : {}),
        ...(event.hintDetail ? { hintDetail: renamedDetail(event.hintDetail, rename) } : {}),
      });
    }
    else if (event.type === 'log' && event.level !== 'info') emit({ ...event, message: nameNodesIn(event.message, graph) });
    else emit(event);
  };
}

/** Throttled dataset-loading progress as log lines. */
export function progressLogger(emit: Emit): (p: { stage: string; fraction: number; message?: string }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.fraction < 1 && now - last < 1000) return;
    last = now;
    const percent = Math.round(p.fraction * 100);
    const note = p.message ? ` (${p.message})` : '';
    const detail: LogDetail = { code: p.stage === 'download' ? 'dataset.download' : 'dataset.read', params: { percent, note } };
    emit({ type: 'log', level: 'info', message: `Dataset ${p.stage}: ${percent}%${note}`, detail });
  };
}

export async function runJob(req: JobRequest, emit: Emit, control: TrainControl): Promise<void> {
  // Same seed, same initial weights, dropout masks and shuffles (see seed.ts).
  const restoreRandom = seedMathRandom(req.graph.training.seed ?? req.graph.dataset.seed);
  try {
    await runSeededJob(req, emit, control);
  } finally {
    restoreRandom();
  }
}

async function runSeededJob(req: JobRequest, rawEmit: Emit, control: TrainControl): Promise<void> {
  const { graph } = req;
  const emit = namingNodes(rawEmit, graph);
  const started = Date.now();
  const fail = (error: string, hint?: string, detail?: ErrorDetail) => emit({ type: 'failed', error, hint, ...(detail ? { detail } : {}) });
  const stoppedEarly = () => emit({ type: 'done', status: 'stopped', durationMs: Date.now() - started, final: null });

  let backend: BackendInfo;
  try {
    backend = await initBackend(graph.training.backend);
  } catch (err) {
    return fail(`Could not start a TensorFlow.js backend: ${errorText(err)}`, undefined, wrappedDetail('train.backendFailed', {}, 'Could not start a TensorFlow.js backend', err));
  }
  emit({ type: 'log', level: backend.name === 'tensorflow' ? 'info' : 'warn', message: backend.reason });
  // Dilated/causal conv gradients and wasm's missing kernels (TFJS-NOTES); global and idempotent.
  prepareEngine(tf);

  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(graph.dataset, { cacheDir: req.cacheDir, onProgress: progressLogger(emit) });
  } catch (err) {
    return emit({ type: 'failed', ...datasetFailure(graph.dataset.id, err) });
  }
  if (control.stopping) return stoppedEarly();

  let built: BuiltModel;
  let data: FitData;
  try {
    built = buildModel(graph, tf, dataset.shapes);
    compileModel(built.model, graph.training, tf);
    data = bindDataset(dataset, built, graph);
  } catch (err) {
    return fail(`Could not build the model: ${errorText(err)}`, undefined, wrappedDetail('train.buildFailed', {}, 'Could not build the model', err));
  }

  let outcome: FitOutcome | null = null;
  // The weights after each epoch (by its rule), so the Try panel can use a run that is still training.
  const latest = new LatestWeightsWriter(req.runDir, (message) => emit({ type: 'log', level: 'warn', message }));
  try {
    outcome = await fitModel(
      tf,
      built.model,
      data,
      {
        epochs: graph.training.epochs,
        batchSize: graph.training.batchSize,
        backend,
        seed: graph.training.seed ?? graph.dataset.seed,
        learningRate: graph.training.learningRate,
        lrSchedule: graph.training.lrSchedule,
        earlyStopping: graph.training.earlyStopping,
        normalization: graph.dataset.normalization,
        diagnosticsEvery: diagnosticsEvery(graph.training.diagnostics),
        nodeOf: nodeOfLayer(graph),
        afterEpoch: (epoch) => latest.afterEpoch(built.model, epoch + 1),
      },
      emit,
      control,
    );
    if (outcome.status !== 'failed' && outcome.epochsDone > 0) {
      // Weights that cannot be kept (a full disk) fail the run: it must not look complete without them.
      const saveProblem = await saveWeights(built.model, req.runDir, outcome);
      if (saveProblem) return fail(saveProblem, 'Free some disk space (or choose another data folder with LAYERLAB_HOME) and train again.');
      await removeLatestWeights(req.runDir).catch(() => {}); // model/ supersedes it; a leftover is never read
      const evaluation = evaluateAfterTraining(built, dataset, graph, control.stopping, emit);
      if (evaluation) emit(evaluation);
    }
    emit(outcomeEvent(outcome));
  } finally {
    if (outcome && outcome.status !== 'failed') outcome.best?.snapshot.dispose();
    built.model.dispose();
  }
}

/** model/ gets the weights training ended with; best/ the best epoch's. Resolves with what failed, or null. */
async function saveWeights(model: tfTypes.LayersModel, runDir: string, outcome: Extract<FitOutcome, { best: unknown }>): Promise<string | null> {
  try {
    await saveModelToFolder(model, path.join(runDir, MODEL_DIR));
  } catch (err) {
    return `Saving the trained weights failed: ${errorText(err)}.`;
  }
  const best = outcome.best;
  if (!best) return null;
  const last = new WeightSnapshot(tf);
  try {
    last.take(model);
    best.snapshot.restore(model);
    await saveModelToFolder(model, path.join(runDir, BEST_DIR));
    return null;
  } catch (err) {
    return `Saving the best weights (epoch ${best.epoch + 1}) failed: ${errorText(err)}.`;
  } finally {
    last.restore(model);
    last.dispose();
  }
}

/** Size of one image when the dataset can be shown as images (for the prediction gallery). */
function imageSize(dataset: LoadedDataset): EvaluateOptions['image'] {
  if (!dataset.descriptor.representations.includes('image')) return undefined;
  try {
    const shape = datasetShapes({ ...dataset.config, representation: 'image' }).features.x;
    if (shape?.length === 3 && shape.every((d) => typeof d === 'number' && d > 0)) {
      const [height, width, channels] = shape as number[];
      return { height, width, channels };
    }
  } catch {
    // Shapes that depend on the user's files: no pixels in the gallery.
  }
  return undefined;
}

/** Beam width and sample cap of the evaluation's beam search (it costs BEAM_WIDTH times greedy decoding). */
const BEAM_WIDTH = 3;
const BEAM_SAMPLES = 200;

/** Free-running decoding settings when the dataset trains a decoder with teacher forcing and the model fits it. */
function freeRunningOptions(built: BuiltModel, dataset: LoadedDataset, emit: Emit): EvaluateOptions['freeRunning'] {
  if (!dataset.teacherForcing) return undefined;
  try {
    return { binding: decoderBinding(built.model, built.inputs, dataset.teacherForcing), beamWidth: BEAM_WIDTH, beamSamples: BEAM_SAMPLES };
  } catch (err) {
    emit({ type: 'log', level: 'info', message: `No free-running decoding in the evaluation: ${errorText(err)}`, detail: causeLine('eval.noFreeRunning', err) });
    return undefined;
  }
}

/** A log line reporting an error: the English cause as a value, its code (when it has one) to say it in another language. */
function causeLine(code: LogDetail['code'], err: unknown): LogDetail {
  const cause = detailOf(err);
  return { code, params: { cause: errorText(err) }, ...(cause ? { cause } : {}) };
}

/** The 'evaluation' event for the test split (validation when there is none), or null with a log line. */
export function evaluateAfterTraining(
  built: BuiltModel,
  dataset: LoadedDataset,
  graph: GraphFile,
  stopped: boolean,
  emit: Emit,
): TrainEventBody | null {
  let split: FitSplit | null = null;
  let which: 'test' | 'validation' = 'test';
  try {
    if (dataset.test && dataset.test.size > 0) split = bindSplit(dataset.test, built, 'test', (id) => nodeName(graph, id));
  } catch (err) {
    emit({ type: 'log', level: 'warn', message: `The test split cannot be evaluated: ${errorText(err)}`, detail: causeLine('eval.testSplitFailed', err) });
  }
  if (!split && dataset.validation && dataset.validation.size > 0) {
    split = bindSplit(dataset.validation, built, 'validation', (id) => nodeName(graph, id));
    which = 'validation';
  }
  if (!split) {
    emit({ type: 'log', level: 'info', message: 'No evaluation: the dataset has neither a test nor a validation split.', detail: { code: 'eval.none', params: {} } });
    return null;
  }
  const nodeOf = nodeOfLayer(graph);
  try {
    const freeRunning = freeRunningOptions(built, dataset, emit);
    const evaluation = evaluateModel(tf, built.model, split, {
      split: which,
      loss: graph.training.loss,
      batchSize: Math.max(graph.training.batchSize, 256),
      task: dataset.descriptor.task,
      classNames: dataset.classNames ?? dataset.descriptor.classNames,
      image: imageSize(dataset),
      nodeIdOf: nodeOf,
      timeLimitMs: stopped ? EVAL_LIMIT_AFTER_STOP_MS : EVAL_LIMIT_MS,
      forecastOutput: dataset.forecastOutput,
      ...(freeRunning ? { freeRunning } : {}),
    });
    emit({ type: 'log', level: 'info', ...evaluationLine(evaluation, which) });
    return { type: 'evaluation', evaluation };
  } catch (err) {
    emit({ type: 'log', level: 'error', message: `Evaluation failed: ${errorText(err)}`, detail: causeLine('eval.failed', err) });
    return null;
  }
}
