// A stored run, loaded for trying: its record, its trained model (model/, the weights training ended with; for a
// run still training, the latest epoch's weights in latest/) and
// its dataset, loaded the way training loaded it (same settings and seed, so the same split and normalisation).
// The job worker keeps the last loaded runs, so trying input after input does not reload the dataset each time;
// a run returned here stays usable until two other runs (or newer weights of it) have been loaded since.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RunRecord, TryWeights } from '../../shared/api';
import { layerNameFor } from '../../shared/graph/node-names';
import { loadDataset } from '../data';
import { prepareEngine } from '../engine/setup';
import { initBackend } from '../engine/backend';
import { RunStore, isRunId } from '../training/run-store';
import { MODEL_JSON, loadModelFromFolder } from '../training/model-files';
import { findLatestWeights } from '../training/latest-weights';
import { TryInputError, type TryModelInput, type TryRun } from './prepare-input';

export interface LoadedTryRun extends TryRun {
  record: RunRecord;
  model: tf.LayersModel;
  /** Where the weights come from. */
  weights: TryWeights;
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

/** The weights a run is tried with: model/ for a finished run; for a running one, the latest epoch's
 *  (latest/, see training/latest-weights.ts), or model/ when training ended since the record was read. */
interface WeightsSource {
  dir: string;
  /** Changes whenever the weights do (the cache key). */
  stamp: string;
  weights: TryWeights;
}

async function modelStamp(dir: string): Promise<number | null> {
  return fs.stat(path.join(dir, MODEL_JSON)).then((s) => s.mtimeMs, () => null);
}

async function weightsSource(store: RunStore, record: RunRecord): Promise<WeightsSource> {
  const modelDir = store.modelDir(record.id);
  const epochs = record.epochsHistory.length;
  if (record.status === 'running') {
    const latest = await findLatestWeights(store.runDir(record.id));
    if (latest) {
      return { dir: latest.dir, stamp: `latest ${latest.epoch} ${latest.mtimeMs}`, weights: { source: 'latest', epoch: latest.epoch } };
    }
    const ended = await modelStamp(modelDir);
    if (ended !== null) return { dir: modelDir, stamp: `model ${ended}`, weights: { source: 'final' } };
    throw new TryInputError(
      `run ${record.id} is still training and has no saved weights yet (they are first saved when epoch 1 ends): try it again in a moment`,
    );
  }
  const stamp = await modelStamp(modelDir);
  if (stamp === null) {
    throw new TryInputError(`run ${record.id} has no trained weights (status ${record.status}); train for at least one epoch to try it`);
  }
  return { dir: modelDir, stamp: `model ${stamp}`, weights: { source: 'final', epochs } };
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
  let source = await weightsSource(store, record);
  const keyOf = (src: WeightsSource) => `${dataDir}\u0000${runId}\u0000${src.stamp}`;
  const hit = cache.find((c) => c.key === keyOf(source));
  if (hit) return hit.run;

  tf.env().set('PROD', true);
  // The fastest backend here (wasm without tfjs-node: a generated character costs one forward pass).
  await initBackend('auto');
  prepareEngine(tf);
  let model: tf.LayersModel;
  try {
    model = await loadModelFromFolder(source.dir, tf);
  } catch (err) {
    // A running run's latest/ can be swapped for the next epoch's (or removed as training ends) mid-read: look again.
    if (record.status !== 'running') throw err;
    source = await weightsSource(store, record);
    model = await loadModelFromFolder(source.dir, tf);
  }
  const key = keyOf(source);
  try {
    const dataset = await loadDataset(record.graph.dataset, { cacheDir: path.join(dataDir, 'cache') });
    const run: LoadedTryRun = { runId, record, graph: record.graph, model, dataset, inputs: modelInputsOf(record, model), weights: source.weights };
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
