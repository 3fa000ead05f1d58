// inspectRun: every layer's activations for one input (the look-inside view).
import type { RunActivations } from '../../../shared/inspect';
import type { TryInput } from '../../../shared/try-input';
import { defineJob } from '../define-job';

export const inspectJob = defineJob<{ dataDir: string; runId: string; input: TryInput }, RunActivations>()({
  kind: 'inspect',
  method: 'inspectRun',
  process: 'look-inside',
  // Same pool as predictions: the run loaded for trying is the one looked inside.
  pool: 'tries',
  run: async (job) => {
    const { runInspectJob } = await import('../../inspect/inspect-job');
    return runInspectJob(job);
  },
});
