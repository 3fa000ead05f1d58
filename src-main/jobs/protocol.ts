// Messages between the host's main process and the job worker (src-main/jobs/job-worker.ts), which does the
// heavy one-off work the api asks for (dataset previews, exports) so the host's event loop stays free to relay
// IPC / WebSocket traffic and live training events. Runs under Electron's utilityProcess (process.parentPort)
// and Node's child_process.fork (process.send), like the training worker.
import type { ApiErrorCode, ErrorDetail, ExportFormat, ExportRunResult, ImportModelResult, LrFinderResult, PredictRequest, PredictResult, TryInfo } from '../../shared/api';
import type { GraphFile } from '../../shared/graph/types';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetPreview } from '../../shared/data/preview';
import type { DatasetShapes } from '../../shared/data/types';
import type { TryInput } from '../../shared/try-input';
import type { RunActivations, RunProjection } from '../../shared/inspect';

export type HostJob =
  | { kind: 'preview'; dataset: DatasetConfig; samples: number; cacheDir: string }
  | { kind: 'describe'; dataset: DatasetConfig }
  | { kind: 'export'; dataDir: string; runId: string; format: ExportFormat; outDir: string }
  | { kind: 'import'; content: string; name: string }
  /** An ONNX file (base64): its graph, and its weights stored as a run in dataDir. */
  | { kind: 'import-onnx'; base64: string; name: string; dataDir: string }
  | { kind: 'tryInfo'; dataDir: string; runId: string }
  | { kind: 'predict'; dataDir: string; request: PredictRequest }
  | { kind: 'inspect'; dataDir: string; runId: string; input: TryInput }
  | { kind: 'project'; dataDir: string; runId: string; nodeId?: string; samples?: number }
  | { kind: 'lrFind'; graph: GraphFile; cacheDir: string };

/** What each kind of job answers with; an export answers the api's result minus what main adds. */
export interface HostJobResults {
  preview: DatasetPreview;
  describe: DatasetShapes;
  export: Omit<Extract<ExportRunResult, { canceled: false }>, 'canceled' | 'dir'>;
  import: ImportModelResult;
  'import-onnx': ImportModelResult;
  tryInfo: TryInfo;
  predict: PredictResult;
  inspect: RunActivations;
  project: RunProjection;
  lrFind: LrFinderResult;
}

/** The api method each job kind serves and what its process is called, for messages. */
export const JOB_METHOD: Record<HostJob['kind'], string> = {
  preview: 'previewDataset',
  describe: 'describeDataset',
  export: 'exportRun',
  import: 'importModel',
  'import-onnx': 'importModel',
  tryInfo: 'getTryInfo',
  predict: 'predict',
  inspect: 'inspectRun',
  project: 'projectRun',
  lrFind: 'findLearningRate',
};
export const JOB_PROCESS: Record<HostJob['kind'], string> = {
  preview: 'dataset preview',
  describe: 'dataset preview',
  export: 'export',
  import: 'model import',
  'import-onnx': 'model import',
  tryInfo: 'prediction',
  predict: 'prediction',
  inspect: 'look-inside',
  project: 'look-inside',
  lrFind: 'learning-rate finder',
};

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
