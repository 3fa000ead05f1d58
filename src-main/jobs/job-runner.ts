// Main-process side of the job worker: runs host jobs (dataset previews, exports) one at a time in a worker
// process that is started on first use and kept warm for the next job. A worker that dies mid-job, never
// starts, or takes longer than the time limit fails that job with a clear ApiError instead of hanging; the
// next job gets a fresh worker.
import { ApiError, errorDetail } from '../../shared/api';
import type { JobWorkerHandle, JobWorkerToMain, SpawnJobWorker } from './protocol';
import { jobDefinition, type HostJob, type HostJobKind, type HostJobResults } from './registry';

export interface JobRunnerOptions {
  spawn: SpawnJobWorker;
  /** A job without an answer after this long fails and its worker is killed. Default: no limit. */
  timeoutMs?: number;
  /** An idle worker is stopped after this long (it holds memory). Default 60 s. */
  idleMs?: number;
  /** Jobs running or waiting at once; more are refused with 'busy'. Default 8. */
  maxQueued?: number;
}

/** Lines of worker output kept to explain a crash. */
const OUTPUT_TAIL = 5;

interface PendingJob {
  id: number;
  job: HostJob;
  resolve(result: unknown): void;
  reject(err: Error): void;
  onNote?: (message: string) => void;
  timer: NodeJS.Timeout | null;
}

interface LiveWorker {
  handle: JobWorkerHandle;
  ready: boolean;
  output: string[];
  current: PendingJob | null;
  idleTimer: NodeJS.Timeout | null;
}

export class JobRunner {
  private worker: LiveWorker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;
  /** Jobs accepted and not settled yet (running or waiting). */
  private queued = 0;

  constructor(private readonly opts: JobRunnerOptions) {}

  /** Runs `job` after the jobs already queued; rejects with the job's ApiError or a clear crash/timeout error. */
  run<K extends HostJobKind>(job: Extract<HostJob, { kind: K }>, onNote?: (message: string) => void): Promise<HostJobResults[K]> {
    let names: { method: string; process: string };
    try {
      names = jobDefinition(job.kind);
    } catch (err) {
      return Promise.reject(err); // a kind nobody registered never reaches a worker
    }
    // Counted in the same synchronous step as the check, so requests arriving together cannot all pass.
    const max = this.opts.maxQueued ?? 8;
    if (this.queued >= max) {
      const what = `${names.method}: ${this.queued} ${names.process} jobs are already running or waiting (at most ${max})`;
      const message = `${what}; try again when they finish`;
      return Promise.reject(new ApiError('busy', message, errorDetail('api.busy', { detail: message }, message)));
    }
    this.queued++;
    const turn = this.queue.then(() => this.runNow(job, onNote)).finally(() => this.queued--);
    this.queue = turn.catch(() => undefined);
    return turn as Promise<HostJobResults[K]>;
  }

  /** Stops the worker; a job in flight fails with a message saying why. */
  dispose(): void {
    this.disposed = true;
    const live = this.worker;
    if (!live) return;
    this.retire(live);
    if (live.current) this.settle(live, shuttingDown(jobDefinition(live.current.job.kind).method));
  }

  private runNow(job: HostJob, onNote?: (message: string) => void): Promise<unknown> {
    const { method, process: processName } = jobDefinition(job.kind);
    if (this.disposed) return Promise.reject(shuttingDown(method));
    return new Promise((resolve, reject) => {
      let live: LiveWorker;
      try {
        live = this.worker ?? this.start();
      } catch (err) {
        reject(new ApiError('internal', `${method}: could not start the ${processName} process: ${(err as Error).message}`));
        return;
      }
      if (live.idleTimer) clearTimeout(live.idleTimer);
      live.idleTimer = null;
      live.output = []; // a crash message quotes this job's output, not an earlier one's
      const pending: PendingJob = { id: this.nextId++, job, resolve, reject, onNote, timer: null };
      live.current = pending;
      const limit = this.opts.timeoutMs;
      if (limit !== undefined) {
        pending.timer = setTimeout(() => {
          this.retire(live);
          const params = { job: method, seconds: limit / 1000, process: processName };
          const message = `${method}: no answer after ${params.seconds} s, so the ${params.process} process was stopped`;
          this.settle(live, new ApiError('internal', message, errorDetail('api.jobTimeout', params, message)));
        }, limit);
        pending.timer.unref?.();
      }
      if (live.ready) live.handle.send({ type: 'run', id: pending.id, job });
    });
  }

  private start(): LiveWorker {
    const handle = this.opts.spawn();
    const live: LiveWorker = { handle, ready: false, output: [], current: null, idleTimer: null };
    this.worker = live;
    handle.onOutput((line) => {
      live.output.push(line);
      if (live.output.length > OUTPUT_TAIL) live.output.shift();
    });
    handle.onMessage((msg) => this.onMessage(live, msg));
    handle.onExit((code, signal) => this.onExit(live, code, signal));
    return live;
  }

  private onMessage(live: LiveWorker, msg: JobWorkerToMain): void {
    if (msg.type === 'ready') {
      live.ready = true;
      if (live.current) live.handle.send({ type: 'run', id: live.current.id, job: live.current.job });
      return;
    }
    const pending = live.current;
    if (!pending || msg.id !== pending.id) return; // an answer to a job that already timed out
    if (msg.type === 'note') pending.onNote?.(msg.message);
    else if (msg.type === 'done') this.settle(live, null, msg.result);
    else this.settle(live, msg.error.code ? new ApiError(msg.error.code, msg.error.message, msg.error.detail) : Object.assign(new Error(msg.error.message), msg.error.detail ? { errorDetail: msg.error.detail } : {}));
  }

  private onExit(live: LiveWorker, code: number | null, signal: string | null): void {
    if (this.worker === live) this.worker = null;
    if (live.idleTimer) clearTimeout(live.idleTimer);
    if (!live.current) return;
    const { method, process: processName } = jobDefinition(live.current.job.kind);
    const how = signal ? `killed by ${signal}` : code === null ? 'it did not start' : `exit code ${code}`;
    const tail = live.output.length > 0 ? `; its last output: ${live.output.join(' | ').slice(-500)}` : '';
    const message = `${method}: the ${processName} process stopped unexpectedly (${how})${tail}`;
    this.settle(live, new ApiError('internal', message, errorDetail('api.jobCrashed', { job: method, process: processName, how }, message)));
  }

  /** Kills `live` and makes sure no later job is sent to it while it dies. */
  private retire(live: LiveWorker): void {
    if (this.worker === live) this.worker = null;
    live.handle.kill();
  }

  /** Ends the current job: `err` rejects it, otherwise it resolves with `result`. Then the worker idles. */
  private settle(live: LiveWorker, err: Error | null, result?: unknown): void {
    const pending = live.current;
    if (!pending) return;
    live.current = null;
    if (pending.timer) clearTimeout(pending.timer);
    if (err) pending.reject(err);
    else pending.resolve(result);
    if (this.worker === live) {
      live.idleTimer = setTimeout(() => this.retire(live), this.opts.idleMs ?? 60_000);
      live.idleTimer.unref?.();
    }
  }
}

function shuttingDown(method: string): ApiError {
  const message = `${method}: the host is shutting down`;
  return new ApiError('internal', message, errorDetail('api.shuttingDown', { job: method }, message));
}
