// Messages between main and a training worker, and the port abstraction that lets the same worker code
// run under Electron's utilityProcess (process.parentPort) and Node's child_process.fork (process.send).
import type { GraphFile } from '../../shared/graph/types';
import type { TrainEventBody } from '../../shared/api';

/** For a PyTorch-engine run: the Python main found (the engine probe), or why there is none. */
export type TorchPython = { python: string } | { problem: string };

export type MainToWorker =
  | { type: 'start'; runId: string; graph: GraphFile; runDir: string; cacheDir: string; pytorch?: TorchPython }
  | { type: 'stop' }
  | { type: 'pause' }
  | { type: 'resume' };

/**
 * 'ready' is sent once the worker listens, so 'start' is never lost while the worker is still loading
 * modules; 'stopping' confirms a 'stop' at once: the worker is ending the run (a PyTorch run still hands its
 * weights back and evaluates, which can take longer than main's stop timeout under load). Everything else is
 * a TrainEvent body (main adds runId and time).
 */
export type WorkerToMain = { type: 'ready' } | { type: 'stopping' } | TrainEventBody;

export interface WorkerPort {
  post(msg: WorkerToMain): void;
  onMessage(listener: (msg: MainToWorker) => void): void;
  /** Resolves once posted messages have left the process, so the worker can exit without losing them. */
  flush(): Promise<void>;
}

const MAIN_TO_WORKER_TYPES = new Set(['start', 'stop', 'pause', 'resume']);

export function isMainToWorker(msg: unknown): msg is MainToWorker {
  return typeof msg === 'object' && msg !== null && MAIN_TO_WORKER_TYPES.has((msg as { type?: string }).type ?? '');
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(msg: unknown): void;
}

/** The port of the current process: Electron utilityProcess or a forked Node child. */
export function currentProcessPort(): WorkerPort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (msg) => parentPort.postMessage(msg),
      onMessage: (listener) =>
        parentPort.on('message', (e) => {
          if (isMainToWorker(e.data)) listener(e.data);
        }),
      // MessagePort posts are queued in-process; give the loop a moment to hand them over.
      flush: () => new Promise((resolve) => setTimeout(resolve, 50)),
    };
  }
  if (typeof process.send === 'function') {
    let pending: Promise<void> = Promise.resolve();
    return {
      post: (msg) => {
        pending = new Promise<void>((resolve) => {
          process.send!(msg, undefined, undefined, () => resolve());
        });
      },
      onMessage: (listener) =>
        process.on('message', (msg) => {
          if (isMainToWorker(msg)) listener(msg);
        }),
      // IPC sends complete in order, so the last one's callback covers all earlier ones.
      flush: () => pending,
    };
  }
  throw new Error('The training worker must run as a child process (child_process.fork or Electron utilityProcess)');
}

/** What main holds for one running worker; Electron and the web host/CLI provide different factories. */
export interface WorkerHandle {
  send(msg: MainToWorker): void;
  onMessage(listener: (msg: WorkerToMain) => void): void;
  /** Called once when the process ends, however it ends. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Lines the process writes to stdout/stderr (kept as the run's log when it crashes). */
  onOutput(listener: (line: string) => void): void;
  kill(): void;
}

export type SpawnWorker = () => WorkerHandle;
