// projectRun: one layer's outputs for many samples, projected to 2-D (the look-inside view).
import type { RunProjection } from '../../../shared/inspect';
import { defineJob } from '../define-job';

export const projectJob = defineJob<{ dataDir: string; runId: string; nodeId?: string; samples?: number }, RunProjection>()({
  kind: 'project',
  method: 'projectRun',
  process: 'look-inside',
  pool: 'tries',
  run: async (job) => {
    const { runProjectionJob } = await import('../../inspect/inspect-job');
    return runProjectionJob(job);
  },
});
