// Test fixture: a run in a temporary data folder, as the training service stores it (run.json + model/), with a
// model built from its graph and trained in-process for a few epochs on its dataset.
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RunRecord } from '../../../shared/api';
import type { GraphFile } from '../../../shared/graph/types';
import { buildModel, compileModel } from '../../engine/compile';
import { prepareEngine } from '../../engine/setup';
import { loadDataset } from '../../data';
import { RunStore } from '../../training/run-store';
import { saveModelToFolder } from '../../training/model-files';

export async function storeTrainedRun(dataDir: string, runId: string, graph: GraphFile, epochs: number): Promise<void> {
  await tf.setBackend('cpu');
  prepareEngine(tf);
  const dataset = await loadDataset(graph.dataset, { cacheDir: path.join(os.tmpdir(), 'layerlab-inspect-cache') });
  const built = buildModel(graph, tf, dataset.shapes);
  compileModel(built.model, graph.training, tf);
  const x = dataset.train.features[built.inputs[0].feature];
  const y = dataset.train.targets[built.outputs[0].target];
  const xs = tf.tensor(x.data, x.shape, x.dtype);
  const ys = tf.tensor(y.data, y.shape, y.dtype);
  await built.model.fit(xs, ys, { epochs, batchSize: 32, verbose: 0 });
  tf.dispose([xs, ys]);
  const store = new RunStore(dataDir);
  await saveModelToFolder(built.model, store.modelDir(runId));
  const record: RunRecord = {
    id: runId, name: graph.name, status: 'completed', startedAt: new Date().toISOString(), durationMs: 1, backend: 'cpu', epochs,
    final: null, graph, dataset: graph.dataset, training: graph.training, batches: [], epochsHistory: [], log: [],
  };
  await store.save(record);
}
