// getTryInfo: what a trained run takes as input, so the Try view can offer it.
import type { TryInfo } from '../../../shared/api';
import { defineJob } from '../define-job';

export const tryInfoJob = defineJob<{ dataDir: string; runId: string }, TryInfo>()({
  kind: 'tryInfo',
  method: 'getTryInfo',
  process: 'prediction',
  // Same pool as predictions: the run loaded here stays warm for them (predict/load-run.ts caches it).
  pool: 'tries',
  run: async (job) => {
    const { runTryInfoJob } = await import('../../predict/try-job');
    return runTryInfoJob(job);
  },
});
