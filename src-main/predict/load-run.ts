// A stored run, loaded for trying: its record, its trained model (model/, the weights training ended with) and
// its dataset, loaded the way training loaded it (same settings and seed, so the same split and normalisation).
// The job worker keeps the last loaded runs, so trying input after input does not reload the dataset each time;
// a run returned here stays usable until two other runs (or newer weights of it) have been loaded since.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RunRecord } from '../../shared/api';
import { layerNameFor } from '../../shared/graph/node-names';
import { loadDataset } from '../data';
import { prepareEngine } from '../engine/setup';
import { initBackend } from '../engine/backend';
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

/** Runs kept loaded (the Try panel of one run, and one other to compare); the oldest is disposed past this. */
const KEEP_LOADED = 2;
const cache: { key: string; run: LoadedTryRun }[] = [];

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
  const hit = cache.find((c) => c.key === key);
  if (hit) return hit.run;

  tf.env().set('PROD', true);
  // The fastest backend here (wasm without tfjs-node: a generated character costs one forward pass).
  await initBackend('auto');
  prepareEngine(tf);
  const model = await loadModelFromFolder(modelDir, tf);
  try {
    const dataset = await loadDataset(record.graph.dataset, { cacheDir: path.join(dataDir, 'cache') });
    const run: LoadedTryRun = { runId, record, graph: record.graph, model, dataset, inputs: modelInputsOf(record, model), weights: weightsWording(record) };
    // Newer weights of the same run replace the old ones; past KEEP_LOADED the oldest run goes.
    for (let i = cache.length - 1; i >= 0; i--) if (cache[i].run.runId === runId) cache.splice(i, 1)[0].run.model.dispose();
    while (cache.length >= KEEP_LOADED) cache.shift()!.run.model.dispose();
    cache.push({ key, run });
    return run;
  } catch (err) {
    model.dispose();
    throw err;
  }
}
