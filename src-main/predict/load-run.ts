// A stored run, loaded for trying: its record, its trained model (model/, the weights training ended with) and
// its dataset, loaded the way training loaded it (same settings and seed, so the same split and normalisation).
// The job worker keeps the last loaded run, so trying input after input does not reload the dataset each time.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RunRecord } from '../../shared/api';
import { layerNameFor } from '../../shared/graph/node-names';
import { loadDataset } from '../data';
import { prepareEngine } from '../engine/setup';
import { RunStore, isRunId } from '../training/run-store';
import { MODEL_JSON, loadModelFromFolder } from '../training/model-files';
import { TryInputError, type TryModelInput, type TryRun } from './prepare-input';

export interface LoadedTryRun extends TryRun {
  record: RunRecord;
  model: tf.LayersModel;
  /** Where the weights come from, in words. */
  weights: string;
}

/** The model's inputs in model.inputs order, each with the feature its Input node reads. */
export function modelInputsOf(run: Pick<RunRecord, 'graph'>, model: tf.LayersModel): TryModelInput[] {
  const byLayer = new Map(run.graph.nodes.filter((n) => n.kind === 'Input').map((n) => [layerNameFor(n.id), n]));
  return model.inputs.map((symbolic, i) => {
    const layerName = model.inputLayers[i]?.name ?? symbolic.name;
    const node = byLayer.get(layerName);
    if (!node) throw new Error(`the model's input '${layerName}' matches no Input node of the run's graph`);
    return { nodeId: node.id, feature: String(node.params.feature ?? 'x'), shape: symbolic.shape.slice(1) as number[] };
  });
}

function weightsWording(record: RunRecord): string {
  const epochs = record.epochsHistory.length;
  const done = `${epochs} epoch${epochs === 1 ? '' : 's'}`;
  if (record.status === 'running') return `the weights last saved while training (after ${done})`;
  return `the weights training ended with (${done})`;
}

let cached: { key: string; run: LoadedTryRun } | null = null;

/** Loads run `runId` from `dataDir` (or returns the one loaded last, when its weights have not changed since). */
export async function loadTryRun(dataDir: string, runId: string): Promise<LoadedTryRun> {
  if (!isRunId(runId)) throw new TryInputError(`'${runId}' is not a run id (like run-20250101-120000-ab12cd)`);
  const store = new RunStore(dataDir);
  const record = await store.get(runId);
  if (!record) throw new TryInputError(`no run '${runId}' in ${store.root}`);
  const modelDir = store.modelDir(runId);
  let stamp: number;
  try {
    stamp = (await fs.stat(path.join(modelDir, MODEL_JSON))).mtimeMs;
  } catch {
    const still = record.status === 'running';
    throw new TryInputError(
      still
        ? `run ${runId} is still training and has no saved weights yet (they are saved when training ends): try it when it finishes`
        : `run ${runId} has no trained weights (status ${record.status}); train for at least one epoch to try it`,
    );
  }
  const key = `${dataDir}\u0000${runId}\u0000${stamp}`;
  if (cached?.key === key) return cached.run;

  tf.env().set('PROD', true);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  prepareEngine(tf);
  const model = await loadModelFromFolder(modelDir, tf);
  try {
    const dataset = await loadDataset(record.graph.dataset, { cacheDir: path.join(dataDir, 'cache') });
    const run: LoadedTryRun = { runId, record, graph: record.graph, model, dataset, inputs: modelInputsOf(record, model), weights: weightsWording(record) };
    cached?.run.model.dispose();
    cached = { key, run };
    return run;
  } catch (err) {
    model.dispose();
    throw err;
  }
}
