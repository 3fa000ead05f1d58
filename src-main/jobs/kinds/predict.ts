// predict: a trained run's answer for one input.
import type { PredictRequest, PredictResult } from '../../../shared/api';
import { defineJob } from '../define-job';

export const predictJob = defineJob<{ dataDir: string; request: PredictRequest }, PredictResult>()({
  kind: 'predict',
  method: 'predict',
  process: 'prediction',
  pool: 'tries',
  run: async (job) => {
    const { runPredictJob } = await import('../../predict/try-job');
    return runPredictJob(job);
  },
});
