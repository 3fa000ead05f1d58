// findLearningRate: a short training run with a rising learning rate (the learning-rate finder).
import type { LrFinderResult } from '../../../shared/api';
import type { GraphFile } from '../../../shared/graph/types';
import { defineJob } from '../define-job';

export const lrFindJob = defineJob<{ graph: GraphFile; cacheDir: string }, LrFinderResult>()({
  kind: 'lrFind',
  method: 'findLearningRate',
  process: 'learning-rate finder',
  pool: 'lrFind',
  run: async (job, note) => {
    const { runLrFindJob } = await import('../../training/lr-find-job');
    return runLrFindJob({ graph: job.graph, cacheDir: job.cacheDir }, note);
  },
});
