// The job worker pools: each is one JobRunner (one process at a time, jobs queued), so a slow job in one pool
// never makes another pool's jobs wait. A job kind names its pool in its definition (jobs/kinds/<kind>.ts).
import { JobRunner, type JobRunnerOptions } from './job-runner';
import type { SpawnJobWorker } from './protocol';
import { jobDefinition, type HostJob, type HostJobKind, type HostJobResults } from './registry';

export const JOB_POOLS = {
  /** Dataset previews, shapes read from files, model.json imports: short jobs. A preview reads at most a dataset;
   *  past 120 s something is stuck (a download, a huge file). The host may change this limit. */
  previews: { timeoutMs: 120_000 },
  /** Exports (and ONNX imports, which build a tfjs model and write a run) queue one at a time, in a process of
   *  their own so a preview never waits behind one; past 10 minutes something is stuck. */
  exports: { timeoutMs: 10 * 60_000 },
  /** Predictions and look-inside load a run's model and dataset once and keep them for the next input
   *  (idle 5 minutes); loading and generating up to 1,000 characters takes well under 5 minutes. */
  tries: { timeoutMs: 5 * 60_000, idleMs: 5 * 60_000 },
  /** The learning-rate finder trains ~100 batches: its own process, so previews never wait behind it. */
  lrFind: { timeoutMs: 10 * 60_000 },
} satisfies Record<string, Omit<JobRunnerOptions, 'spawn'>>;

export type JobPoolName = keyof typeof JOB_POOLS;

/** A runner per pool, each job sent to its kind's pool. Runners start no process until their first job. */
export class JobPools {
  private readonly runners: Record<JobPoolName, JobRunner>;

  /** `timeouts` overrides a pool's time limit (the host's setting, or a test's). */
  constructor(spawn: SpawnJobWorker, timeouts: Partial<Record<JobPoolName, number>> = {}) {
    const runner = (name: JobPoolName) => new JobRunner({ spawn, ...JOB_POOLS[name], ...(timeouts[name] !== undefined ? { timeoutMs: timeouts[name] } : {}) });
    this.runners = Object.fromEntries((Object.keys(JOB_POOLS) as JobPoolName[]).map((name) => [name, runner(name)])) as Record<JobPoolName, JobRunner>;
  }

  /** Runs `job` in its kind's pool; a kind nobody registered is refused with a message naming it. */
  run<K extends HostJobKind>(job: Extract<HostJob, { kind: K }>, onNote?: (message: string) => void): Promise<HostJobResults[K]> {
    let pool: JobPoolName;
    try {
      pool = jobDefinition(job.kind).pool;
    } catch (err) {
      return Promise.reject(err);
    }
    return this.runners[pool].run(job, onNote);
  }

  /** Stops every pool's worker; jobs in flight fail with a message saying why. */
  dispose(): void {
    for (const runner of Object.values(this.runners)) runner.dispose();
  }
}
