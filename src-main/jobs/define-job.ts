// One host job kind, declared in one place (jobs/kinds/<kind>.ts) and listed once in jobs/registry.ts: the job
// union, its results, the names used in messages, which worker pool runs it and the worker's dispatch all come
// from these definitions. The api method that starts a job and its payload check stay per method (api-handlers.ts,
// api-payloads.ts): they are the renderer's contract, not the worker's.
import type { JobPoolName } from './pools';

export interface JobDefinition<K extends string, Payload extends object, Result> {
  kind: K;
  /** The api method this job serves: it prefixes every message about the job. */
  method: string;
  /** What the worker process is called in messages ("the <process> process stopped unexpectedly"). */
  process: string;
  /** The worker pool (one process each) that runs it: jobs in one pool wait for each other. */
  pool: JobPoolName;
  /**
   * The work, as the job worker does it. Load heavy modules (tfjs, code generators) with `await import()`
   * here: main loads every definition for its names and pool.
   */
  run(job: { kind: K } & Payload, note: (message: string) => void): Promise<Result>;
}

/**
 * Declares a job kind: `defineJob<Payload, Result>()({ kind: 'x', ... })`. Payload and Result are written out
 * (curried so that `kind` is still inferred as a literal), so a kind's contract is read in its own file and a
 * wrong payload or result fails to compile.
 */
export function defineJob<Payload extends object, Result>() {
  return <const K extends string>(definition: JobDefinition<K, Payload, Result>): JobDefinition<K, Payload, Result> => definition;
}
