// Messages between the host's main process and the job worker (src-main/jobs/job-worker.ts), which does the
// heavy one-off work the api asks for (dataset previews, exports) so the host's event loop stays free to relay
// IPC / WebSocket traffic and live training events. Runs under Electron's utilityProcess (process.parentPort)
// and Node's child_process.fork (process.send), like the training worker.
import type { ApiErrorCode, ErrorDetail } from '../../shared/api';
import type { HostJob } from './registry';

// The job union and its results are derived from the registered job kinds (jobs/registry.ts).
export type { HostJob, HostJobKind, HostJobResults } from './registry';

/** An error as it crosses the process boundary: with a code it becomes an ApiError, without one a plain Error. */
export interface JobFailure {
  code?: ApiErrorCode;
  message: string;
  detail?: ErrorDetail;
}

export type MainToJobWorker = { type: 'run'; id: number; job: HostJob };

/** 'ready' is sent once the worker listens, so a job is never lost while it is still loading modules. */
export type JobWorkerToMain =
  | { type: 'ready' }
  | { type: 'note'; id: number; message: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: JobFailure };

/** What main holds for one worker process; Electron and the web host/CLI provide different factories. */
export interface ProcessHandle<In, Out> {
  send(msg: In): void;
  onMessage(listener: (msg: Out) => void): void;
  /** Called once when the process ends, however it ends. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Lines the process writes to stdout/stderr. */
  onOutput(listener: (line: string) => void): void;
  kill(): void;
}

export type JobWorkerHandle = ProcessHandle<MainToJobWorker, JobWorkerToMain>;
export type SpawnJobWorker = () => JobWorkerHandle;

function isRunMessage(msg: unknown): msg is MainToJobWorker {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'run';
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(msg: unknown): void;
}

/** The worker side: the port of the current process (Electron utilityProcess or a forked Node child). */
export function jobWorkerPort(): { post(msg: JobWorkerToMain): void; onRun(listener: (msg: MainToJobWorker) => void): void } {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (msg) => parentPort.postMessage(msg),
      onRun: (listener) => parentPort.on('message', (e) => isRunMessage(e.data) && listener(e.data)),
    };
  }
  if (typeof process.send === 'function') {
    // Main went away (crashed or killed without disposing us): nobody wants the answer.
    process.on('disconnect', () => process.exit(0));
    return {
      post: (msg) => process.send!(msg),
      onRun: (listener) => process.on('message', (msg) => isRunMessage(msg) && listener(msg)),
    };
  }
  throw new Error('The job worker must run as a child process (child_process.fork or Electron utilityProcess)');
}
