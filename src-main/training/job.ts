// One training run inside the worker: backend, dataset, model, fit, weights, final event.
// Kept apart from worker.ts (the process entry) so it can be tested in-process.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import type { BackendInfo } from '../../shared/api';
import { initBackend } from '../engine/backend';
import { buildModel, compileModel, type BuiltModel } from '../engine/compile';
import { ensureGradientFixes } from '../engine/custom/gradients';
import { loadDataset } from '../data';
import type { DatasetSplit, LoadedDataset } from '../data/types';
import { fitModel, outcomeEvent, type Emit, type FitData, type FitSplit } from './fit-loop';
import type { TrainControl } from './control';
import { saveModelToFolder } from './model-files';

export interface JobRequest {
  runId: string;
  graph: GraphFile;
  runDir: string;
  cacheDir: string;
}

/** Folder inside a run's folder that holds model.json + weights.bin. */
export const MODEL_DIR = 'model';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Picks the arrays each model input / output needs, in model order, by feature / target name. */
export function bindSplit(split: DatasetSplit, built: BuiltModel, which: string): FitSplit {
  const xs = built.inputs.map(({ nodeId, feature }) => {
    const t = split.features[feature];
    if (!t) {
      throw new Error(
        `Input node ${nodeId} reads feature '${feature}', but the ${which} data has only: ${Object.keys(split.features).join(', ')}`,
      );
    }
    return t;
  });
  const ys = built.outputs.map(({ nodeId, target }) => {
    const t = split.targets[target];
    if (!t) {
      throw new Error(
        `Output node ${nodeId} predicts target '${target}', but the ${which} data has only: ${Object.keys(split.targets).join(', ')}`,
      );
    }
    return t;
  });
  return { size: split.size, xs, ys };
}

export function bindDataset(dataset: LoadedDataset, built: BuiltModel): FitData {
  return {
    train: bindSplit(dataset.train, built, 'training'),
    validation: dataset.validation && dataset.validation.size > 0 ? bindSplit(dataset.validation, built, 'validation') : null,
  };
}

/** Throttled dataset-loading progress as log lines. */
function progressLogger(emit: Emit): (p: { stage: string; fraction: number; message?: string }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.fraction < 1 && now - last < 1000) return;
    last = now;
    emit({ type: 'log', level: 'info', message: `Dataset ${p.stage}: ${Math.round(p.fraction * 100)}%${p.message ? ` (${p.message})` : ''}` });
  };
}

export async function runJob(req: JobRequest, emit: Emit, control: TrainControl): Promise<void> {
  const { graph } = req;
  const started = Date.now();
  const fail = (error: string, hint?: string) => emit({ type: 'failed', error, hint });
  const stoppedEarly = () => emit({ type: 'done', status: 'stopped', durationMs: Date.now() - started, final: null });

  let backend: BackendInfo;
  try {
    backend = await initBackend(graph.training.backend);
  } catch (err) {
    return fail(`Could not start a TensorFlow.js backend: ${errorText(err)}`);
  }
  emit({ type: 'log', level: backend.name === 'tensorflow' ? 'info' : 'warn', message: backend.reason });
  // Dilated/causal conv gradients and wasm's missing kernels (TFJS-NOTES); global and idempotent.
  ensureGradientFixes(tf);

  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(graph.dataset, { cacheDir: req.cacheDir, onProgress: progressLogger(emit) });
  } catch (err) {
    return fail(`Dataset '${graph.dataset.id}': ${errorText(err)}`, 'Check the dataset settings (files, options) in the Data panel.');
  }
  if (control.stopping) return stoppedEarly();

  let built: BuiltModel;
  let data: FitData;
  try {
    built = buildModel(graph, tf, dataset.shapes);
    compileModel(built.model, graph.training, tf);
    data = bindDataset(dataset, built);
  } catch (err) {
    return fail(`Could not build the model: ${errorText(err)}`);
  }

  try {
    const outcome = await fitModel(
      tf,
      built.model,
      data,
      {
        epochs: graph.training.epochs,
        batchSize: graph.training.batchSize,
        backend,
        seed: graph.training.seed ?? graph.dataset.seed,
        learningRate: graph.training.learningRate,
        normalization: graph.dataset.normalization,
      },
      emit,
      control,
    );
    if (outcome.status !== 'failed' && outcome.epochsDone > 0) {
      try {
        await saveModelToFolder(built.model, path.join(req.runDir, MODEL_DIR));
      } catch (err) {
        emit({ type: 'log', level: 'error', message: `Saving the trained weights failed: ${errorText(err)}` });
      }
    }
    emit(outcomeEvent(outcome));
  } finally {
    built.model.dispose();
  }
}
