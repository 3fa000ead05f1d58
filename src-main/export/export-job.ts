// One export, as the CLI and the app ask for it: a stored run's trained model (or a graph with fresh
// weights) -> files in a folder. Loads the dataset for the Python scripts' data.npz when it can.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import { formatCount, inferGraph, dataShapesForGraph } from '../../shared/infer';
import { buildModel, GraphCompileError } from '../engine/compile';
import { prepareEngine } from '../engine/setup';
import { loadDataset } from '../data';
import type { LoadedDataset } from '../data/types';
import { RunStore, isRunId } from '../training/run-store';
import { loadModelFromFolder } from '../training/model-files';
import { ExportError, exportGraph, type ExportFormat, type ExportResult } from '.';
import { checkOnnxExportable } from './onnx/export-onnx';

/** Above this a fresh tfjs model would need gigabytes of memory. */
const MAX_BUILD_PARAMS = 200_000_000;

/** A problem with what was asked (bad run id, run without weights, model too big); `exitCode` for the CLI. */
export class ExportJobError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'ExportJobError';
  }
}

export interface ExportJob {
  dataDir: string;
  format: ExportFormat;
  outDir: string;
  /** Export this stored run's graph and trained weights. */
  runId?: string;
  /** Or this graph, with freshly initialised weights where weights are needed. */
  graph?: GraphFile;
  /** Write data.npz with the loaded dataset for the Python scripts (default true). */
  includeData?: boolean;
}

async function loadRunModel(dataDir: string, runId: string): Promise<{ graph: GraphFile; model: tf.LayersModel }> {
  if (!isRunId(runId)) throw new ExportJobError(`'${runId}' is not a run id (like run-20250101-120000-ab12cd)`);
  const store = new RunStore(dataDir);
  const record = await store.get(runId).catch((err: Error) => {
    throw new ExportJobError(`cannot read run ${runId}: ${err.message}`);
  });
  if (!record) throw new ExportJobError(`no run '${runId}' in ${path.join(dataDir, 'runs')}`);
  try {
    return { graph: record.graph, model: await loadModelFromFolder(store.modelDir(runId), tf) };
  } catch (err) {
    throw new ExportJobError(`run ${runId} has no usable trained weights (${(err as Error).message}); was it trained for at least one epoch?`, 1);
  }
}

export async function runExportJob(job: ExportJob, note: (message: string) => void): Promise<ExportResult> {
  tf.env().set('PROD', true); // no console banner about tfjs-node; export only runs forward passes
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  prepareEngine(tf);
  let graph: GraphFile;
  let model: tf.LayersModel | undefined;
  if (job.runId) {
    ({ graph, model } = await loadRunModel(job.dataDir, job.runId));
  } else if (job.graph) {
    graph = job.graph;
  } else {
    throw new ExportJobError('nothing to export: give a run or a graph');
  }

  let dataset: LoadedDataset | undefined;
  // tfjs model files and ONNX carry weights (trained, or fresh ones built here); the Python scripts carry data.
  const needsWeights = job.format === 'tfjs' || job.format === 'onnx';
  if (!needsWeights && job.includeData !== false) {
    try {
      dataset = await loadDataset(graph.dataset, { cacheDir: path.join(job.dataDir, 'cache') });
    } catch (err) {
      note(`dataset '${graph.dataset.id}' could not be loaded (${(err as Error).message}); no data.npz written`);
    }
  }
  const shapes = dataset?.shapes ?? dataShapesForGraph(graph);
  try {
    // Every kind ONNX cannot express is named before a model is built or anything written.
    if (job.format === 'onnx') checkOnnxExportable(graph, shapes);
    if (needsWeights && !model) {
      const total = inferGraph(graph, shapes).totalParams;
      if (graph.extras?.viewOnly === true || total > MAX_BUILD_PARAMS) {
        throw new ExportJobError(`'${graph.name}' has ${formatCount(total)} parameters: too big to build with tfjs here (the ${job.format} export needs real weights). Export it as pytorch or keras code instead.`, 1);
      }
      model = buildModel(graph, tf, shapes).model;
      note('no trained run given, so the model has freshly initialised (untrained) weights; train it and export the run to get trained weights');
    }
    return await exportGraph({ graph, format: job.format, outDir: job.outDir, shapes, model, dataset });
  } catch (err) {
    // A graph that cannot be built says why in one line, as the code exports do (not a stack trace).
    if (err instanceof ExportError || err instanceof GraphCompileError) throw new ExportJobError(err.message, 1);
    throw err;
  } finally {
    model?.dispose();
  }
}
