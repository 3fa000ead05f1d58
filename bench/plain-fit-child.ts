// Child process of the training-speed rows' "plain tfjs" column: the same graph built by LayerLab's engine,
// on the same backend set-up (so the same kernels), trained with nothing but tfjs's own model.fit on the
// same arrays. Compared with the worker's speed it shows what LayerLab's trainer costs.
// Receives { graph, cacheDir } over IPC; answers { samplesPerSec, epochs, loss } or { error }.
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../shared/graph/types';
import { initBackend } from '../src-main/engine/backend';
import { buildModel, compileModel } from '../src-main/engine/compile';
import { prepareEngine } from '../src-main/engine/setup';
import { loadDataset } from '../src-main/data';
import { bindDataset } from '../src-main/training/job';

export interface PlainFitRequest {
  graph: GraphFile;
  cacheDir: string;
}

async function plainFit({ graph, cacheDir }: PlainFitRequest) {
  await initBackend(graph.training.backend);
  prepareEngine(tf);
  const dataset = await loadDataset(graph.dataset, { cacheDir });
  const built = buildModel(graph, tf, dataset.shapes);
  compileModel(built.model, graph.training, tf);
  const { train } = bindDataset(dataset, built);
  const xs = train.xs.map((t) => tf.tensor(t.data, t.shape, t.dtype));
  const ys = train.ys.map((t) => tf.tensor(t.data, t.shape, t.dtype));
  const fitEpoch = () => built.model.fit(xs, ys, { epochs: 1, batchSize: graph.training.batchSize, shuffle: true, verbose: 0 });
  await fitEpoch(); // warm-up, as for the worker
  const timed = graph.training.epochs - 1;
  let loss = NaN;
  const t0 = performance.now();
  for (let e = 0; e < timed; e++) loss = (await fitEpoch()).history.loss[0] as number;
  const seconds = (performance.now() - t0) / 1000;
  return { samplesPerSec: (train.size * timed) / seconds, epochs: timed, loss, backend: tf.getBackend() };
}

process.once('message', (req: PlainFitRequest) => {
  plainFit(req)
    .then((r) => process.send!(r, () => process.exit(0)))
    .catch((err: unknown) => process.send!({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)));
});
