// The learning-rate finder for a graph, as the job worker (and the CLI) runs it: the same backend, dataset,
// model and seed a training run would use, then findLearningRate on a fresh model whose weights are thrown away.
import * as tf from '@tensorflow/tfjs';
import type { LrFinderResult } from '../../shared/api';
import type { GraphFile } from '../../shared/graph/types';
import { initBackend } from '../engine/backend';
import { prepareEngine } from '../engine/setup';
import { buildModel, compileModel } from '../engine/compile';
import { loadDataset } from '../data';
import { bindDataset } from './job';
import { findLearningRate } from './lr-finder';
import { seedMathRandom } from './seed';

export interface LrFindJob {
  graph: GraphFile;
  cacheDir: string;
  /** Batches from 1e-7 to 10 (default 100). */
  steps?: number;
}

export async function runLrFindJob(job: LrFindJob, note: (message: string) => void = () => {}): Promise<LrFinderResult> {
  const { graph } = job;
  if (graph.training.engine === 'pytorch') note('The learning-rate finder runs with TensorFlow.js; the PyTorch engine uses the same rate.');
  const backend = await initBackend(graph.training.backend);
  prepareEngine(tf);
  const seed = graph.training.seed ?? graph.dataset.seed;
  const restoreRandom = seedMathRandom(seed);
  try {
    const dataset = await loadDataset(graph.dataset, { cacheDir: job.cacheDir });
    const built = buildModel(graph, tf, dataset.shapes);
    try {
      compileModel(built.model, graph.training, tf);
      const data = bindDataset(dataset, built, graph);
      const result = await findLearningRate(tf, built.model, data.train, { batchSize: graph.training.batchSize, steps: job.steps, seed });
      note(`Learning-rate finder: ${result.lrs.length} batches on ${backend.name}`);
      return result;
    } finally {
      built.model.dispose();
    }
  } finally {
    restoreRandom();
  }
}
