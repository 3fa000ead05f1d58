// The one implementation of the api (shared/api.ts). The Electron IPC binding and the WebSocket host both call
// `dispatch(createApiHandlers(deps), method, payload)`, so they cannot drift apart. Every payload is checked here,
// at the boundary, and every failure leaves as an ApiErrorPayload with a message that names the problem.
import { API_METHODS, ApiError, detailOf } from '../shared/api';
import type {
  Api,
  ApiErrorPayload,
  ApiMethod,
  AppInfo,
  EnginesInfo,
  ExportFormat,
  ExportRunResult,
  LrFinderResult,
  ImportModelResult,
  OpenGraphResult,
  ReadRecoveryResult,
  RecoveryCopy,
  RunRecord,
  RunSummary,
  DownloadDatasetResult,
  UserDatasetRef,
  SaveGraphResult,
  TrainEvent,
  WireResponse,
  TryInfo,
  PredictRequest,
  PredictResult,
} from '../shared/api';
import type { DatasetConfig, GraphFile } from '../shared/graph/types';
import { parseGraphFile } from '../shared/graph/validate';
import type { DatasetDescriptor, DatasetShapes } from '../shared/data/types';
import type { DatasetDownloadProgress, DatasetStatus } from '../shared/data/downloads';
import type { DatasetPreview } from '../shared/data/preview';
import type { ExperimentRecord, ExperimentSummary } from '../shared/experiments/types';
import {
  checkDatasetConfig,
  checkPreviewRequest,
  checkGraph,
  checkReorderRequest,
  expectExperimentId,
  checkSaveRequest,
  checkExportRequest,
  expectNoPayload,
  expectObject,
  checkLanguageRequest,
  expectPath,
  expectRecoverySession,
  checkImportRequest,
  expectRunId,
  checkWriteRecoveryRequest,
  checkPythonPathRequest,
  checkPayloadDepth,
  checkStatusRequest,
  expectDatasetId,
  type SaveRequest,
} from './api-payloads';
import { checkPredictRequest } from './predict/predict-payload';
import { checkInspectRequest, checkProjectRequest } from './inspect/inspect-payload';
import type { RunActivations, RunProjection } from '../shared/inspect';
import type { TryInput } from '../shared/try-input';

type MaybePromise<T> = T | Promise<T>;

/** What the handlers need from the training service (src-main/training/service.ts), stated structurally. */
export interface TrainingServiceLike {
  start(graph: GraphFile): MaybePromise<{ runId: string } | string>;
  stop(runId: string): MaybePromise<unknown>;
  pause(runId: string): MaybePromise<unknown>;
  resume(runId: string): MaybePromise<unknown>;
  listRuns(): MaybePromise<RunSummary[]>;
  /** May return null/undefined or throw for an unknown run; both become a 'not_found' error. */
  getRun(runId: string): MaybePromise<RunRecord | null | undefined>;
  deleteRun(runId: string): MaybePromise<unknown>;
  /** Subscribes to every run's events; returns the unsubscribe function. */
  onEvent(listener: (event: TrainEvent) => void): () => void;
}

export interface DatasetsLike {
  list(): MaybePromise<DatasetDescriptor[]>;
  describe(config: DatasetConfig): Promise<DatasetShapes>;
  /** Loads the dataset and summarises it; rejects with a message naming the bad file. */
  preview(config: DatasetConfig, samples: number): Promise<DatasetPreview>;
}

export interface GraphFilesLike {
  open(): Promise<OpenGraphResult>;
  save(req: SaveRequest): Promise<SaveGraphResult>;
}

/** What the handlers need from the experiment runner (src-main/experiments/runner.ts). */
export interface ExperimentsLike {
  start(graph: GraphFile): Promise<{ experimentId: string }>;
  cancel(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  reorder(id: string, queue: number[]): Promise<void>;
  get(id: string): Promise<ExperimentRecord>;
  list(): Promise<ExperimentSummary[]>;
}

/** Exports a stored run into a folder the host chooses (a dialog in Electron, the data folder on the web). */
export interface ExportsLike {
  exportRun(runId: string, format: ExportFormat): Promise<ExportRunResult>;
}

/**
 * Which dataset paths the host may read (src-main/files/read-grants.ts through host-deps.ts). A graph's dataset
 * path is not permission by itself: the user allows a path (typed or confirmed in the renderer; Electron confirms
 * natively), and every request that would read dataset files is checked against that first.
 */
export interface DatasetReadsLike {
  /** The first path `config` would read that is not allowed, or null when all are. */
  notAllowed(config: DatasetConfig): string | null;
  allow(path: string): Promise<{ allowed: boolean; path: string }>;
}

/** Datasets on disk: statuses, downloads, remove, open folder (src-main/data/dataset-files.ts). */
export interface DatasetFilesLike {
  status(user: UserDatasetRef[]): Promise<DatasetStatus[]>;
  download(id: string): Promise<DownloadDatasetResult>;
  cancel(id: string): void;
  remove(id: string): Promise<DatasetStatus>;
  openFolder(id: string): Promise<{ opened: boolean; path: string }>;
  /** Why a run with this dataset could only fail (a downloadable set not on disk, no path given), or null. */
  missing(config: DatasetConfig): string | null;
  /** Download progress, forwarded by the hosts as 'datasetDownload' events; returns the unsubscribe function. */
  onProgress(listener: (p: DatasetDownloadProgress) => void): () => void;
}

/** Opens other tools' model files as graphs (src-main/import, in the job worker). */
export interface ImportsLike {
  importModel(content: string, name: string): Promise<ImportModelResult>;
  /** An ONNX file's bytes (base64): graph and a run with its weights. */
  importOnnx?(base64: string, name: string): Promise<ImportModelResult>;
}

/** The learning-rate finder (src-main/training/lr-find-job.ts, in a job worker). */
export interface LrFinderLike {
  find(graph: GraphFile): Promise<LrFinderResult>;
}

/** Crash-recovery copies on disk (src-main/files/recovery-store.ts). */
export interface RecoveryLike {
  write(session: string, copy: RecoveryCopy): Promise<void>;
  read(session: string): Promise<ReadRecoveryResult>;
  clear(session: string): Promise<void>;
}

/** The training engines beyond TensorFlow.js (src-main/torch/engine-locator.ts). */
export interface EnginesLike {
  info(): Promise<EnginesInfo>;
  /** Saves the Python path (null = search) and probes it again. */
  setPython(path: string | null): Promise<EnginesInfo>;
}

/** Trying a trained run's model (src-main/predict, in the job worker). */
export interface TriesLike {
  info(runId: string): Promise<TryInfo>;
  predict(req: PredictRequest): Promise<PredictResult>;
}

/** Looking inside a trained run's model (src-main/inspect, in the job worker). */
export interface InspectionsLike {
  activations(runId: string, input: TryInput): Promise<RunActivations>;
  projection(req: { runId: string; nodeId?: string; samples?: number }): Promise<RunProjection>;
}

/** The host's own interface language (Electron: the application menu, src-main/electron/menu.ts). */
export interface LanguageLike {
  set(lang: 'en' | 'ko'): void;
}

export interface ApiDeps {
  info: () => Promise<AppInfo>;
  training: TrainingServiceLike;
  datasets: DatasetsLike;
  /** Required, so a host cannot forget it: without it any path a graph names would be read. */
  datasetReads: DatasetReadsLike;
  files: GraphFilesLike;
  /** Absent in hosts without an experiment runner: the experiment methods answer 'unsupported'. */
  experiments?: ExperimentsLike;
  /** Absent in hosts that cannot export: exportRun answers 'unsupported'. */
  exports?: ExportsLike;
  /** Absent in hosts without a data folder: the recovery methods answer 'unsupported'. */
  recovery?: RecoveryLike;
  /** Absent in hosts that only train with TensorFlow.js: the engine methods answer 'unsupported'. */
  engines?: EnginesLike;
  /** Absent in hosts that cannot import: importModel answers 'unsupported'. */
  imports?: ImportsLike;
  /** Absent in hosts without a job worker: findLearningRate answers 'unsupported'. */
  lrFinder?: LrFinderLike;
  /** Absent in hosts without a data folder: the dataset-file methods answer 'unsupported'. */
  datasetFiles?: DatasetFilesLike;
  /** Absent in hosts that cannot load trained runs: getTryInfo and predict answer 'unsupported'. */
  tries?: TriesLike;
  /** Absent in hosts that cannot load trained runs: inspectRun and projectRun answer 'unsupported'. */
  inspections?: InspectionsLike;
  /** Absent in hosts without a native menu (web, CLI): setLanguage answers 'unsupported'. */
  language?: LanguageLike;
  /** The graph validator; default shared/graph/validate.ts parseGraphFile (tests inject failures). */
  parseGraph?: (json: string) => GraphFile;
}

export function createApiHandlers(deps: ApiDeps): Api {
  const experiments = (method: string): ExperimentsLike => {
    if (!deps.experiments) throw new ApiError('unsupported', `${method}: this host has no experiment runner`);
    return deps.experiments;
  };
  const engines = (method: string): EnginesLike => {
    if (!deps.engines) throw new ApiError('unsupported', `${method}: this host trains with TensorFlow.js only`);
    return deps.engines;
  };
  const recovery = (method: string): RecoveryLike => {
    if (!deps.recovery) throw new ApiError('unsupported', `${method}: this host keeps no recovery copies`);
    return deps.recovery;
  };
  /** Refuses a request whose dataset would read a path the user has not allowed. */
  const checkReads = (method: string, dataset: DatasetConfig): DatasetConfig => {
    const path = deps.datasetReads.notAllowed(dataset);
    if (path !== null) {
      throw new ApiError(
        'forbidden',
        `${method}: the dataset path ${path} has not been allowed on this computer. A path that arrives inside a graph file is not read until you allow it: check that it is the file you expect, then allow reading it in the dataset panel (or type the path into the dataset's Path field yourself).`,
      );
    }
    return dataset;
  };
  const datasetFiles = (method: string): DatasetFilesLike => {
    if (!deps.datasetFiles) throw new ApiError('unsupported', `${method}: this host keeps no dataset files`);
    return deps.datasetFiles;
  };
  /** Refuses a run that could only fail because its dataset is not on this computer (the panel offers the download). */
  const checkPresent = (method: string, dataset: DatasetConfig): void => {
    const missing = deps.datasetFiles?.missing(dataset);
    if (missing) throw new ApiError('not_found', `${method}: ${missing}`);
  };
  return {
    async getInfo(req) {
      expectNoPayload('getInfo', req);
      return deps.info();
    },
    async listDatasets(req) {
      expectNoPayload('listDatasets', req);
      return deps.datasets.list();
    },
    async describeDataset(req) {
      const { dataset } = expectObject('describeDataset', req);
      return deps.datasets.describe(checkReads('describeDataset', checkDatasetConfig('describeDataset', 'dataset', dataset)));
    },
    async previewDataset(req) {
      const { dataset, samples } = checkPreviewRequest('previewDataset', req);
      return deps.datasets.preview(checkReads('previewDataset', dataset), samples);
    },
    async startTraining(req) {
      const { graph } = expectObject('startTraining', req);
      const checked = checkGraph('startTraining', graph, deps.parseGraph ?? parseGraphFile);
      checkReads('startTraining', checked.dataset);
      checkPresent('startTraining', checked.dataset);
      const started = await deps.training.start(checked);
      return { runId: typeof started === 'string' ? started : started.runId };
    },
    async setLanguage(req) {
      const lang = checkLanguageRequest('setLanguage', req);
      if (!deps.language) throw new ApiError('unsupported', 'setLanguage: this host has no native menu');
      deps.language.set(lang);
    },
    async findLearningRate(req) {
      const { graph } = expectObject('findLearningRate', req);
      const checked = checkGraph('findLearningRate', graph, deps.parseGraph ?? parseGraphFile);
      checkReads('findLearningRate', checked.dataset);
      checkPresent('findLearningRate', checked.dataset);
      if (!deps.lrFinder) throw new ApiError('unsupported', 'findLearningRate: this host has no job worker');
      return deps.lrFinder.find(checked);
    },
    async stopTraining(req) {
      await deps.training.stop(expectRunId('stopTraining', req));
    },
    async pauseTraining(req) {
      await deps.training.pause(expectRunId('pauseTraining', req));
    },
    async resumeTraining(req) {
      await deps.training.resume(expectRunId('resumeTraining', req));
    },
    async listRuns(req) {
      expectNoPayload('listRuns', req);
      return deps.training.listRuns();
    },
    async getRun(req) {
      const runId = expectRunId('getRun', req);
      const run = await deps.training.getRun(runId);
      if (!run) throw new ApiError('not_found', `getRun: no run with id '${runId}'`);
      return run;
    },
    async deleteRun(req) {
      await deps.training.deleteRun(expectRunId('deleteRun', req));
    },
    async openGraphFile(req) {
      expectNoPayload('openGraphFile', req);
      return deps.files.open();
    },
    async saveGraphFile(req) {
      return deps.files.save(checkSaveRequest('saveGraphFile', req));
    },
    async importModel(req) {
      const { content, name, encoding } = checkImportRequest('importModel', req);
      if (!deps.imports) throw new ApiError('unsupported', 'importModel: this host cannot import models');
      if (encoding === 'base64') {
        if (!deps.imports.importOnnx) throw new ApiError('unsupported', 'importModel: this host cannot import ONNX models');
        return deps.imports.importOnnx(content, name);
      }
      return deps.imports.importModel(content, name);
    },
    async startExperiment(req) {
      const { graph } = expectObject('startExperiment', req);
      const checked = checkGraph('startExperiment', graph, deps.parseGraph ?? parseGraphFile);
      checkReads('startExperiment', checked.dataset);
      checkPresent('startExperiment', checked.dataset);
      return experiments('startExperiment').start(checked);
    },
    async cancelExperiment(req) {
      await experiments('cancelExperiment').cancel(expectExperimentId('cancelExperiment', req));
    },
    async pauseExperiment(req) {
      await experiments('pauseExperiment').pause(expectExperimentId('pauseExperiment', req));
    },
    async resumeExperiment(req) {
      await experiments('resumeExperiment').resume(expectExperimentId('resumeExperiment', req));
    },
    async reorderExperiment(req) {
      const { experimentId, queue } = checkReorderRequest('reorderExperiment', req);
      await experiments('reorderExperiment').reorder(experimentId, queue);
    },
    async getExperiment(req) {
      return experiments('getExperiment').get(expectExperimentId('getExperiment', req));
    },
    async listExperiments(req) {
      expectNoPayload('listExperiments', req);
      return experiments('listExperiments').list();
    },
    async exportRun(req) {
      const { runId, format } = checkExportRequest('exportRun', req);
      if (!deps.exports) throw new ApiError('unsupported', 'exportRun: this host cannot export models');
      return deps.exports.exportRun(runId, format);
    },
    async writeRecovery(req) {
      const { session, copy } = checkWriteRecoveryRequest('writeRecovery', req);
      await recovery('writeRecovery').write(session, copy);
    },
    async readRecovery(req) {
      return recovery('readRecovery').read(expectRecoverySession('readRecovery', req));
    },
    async clearRecovery(req) {
      await recovery('clearRecovery').clear(expectRecoverySession('clearRecovery', req));
    },
    async getEngines(req) {
      expectNoPayload('getEngines', req);
      return engines('getEngines').info();
    },
    async setPythonPath(req) {
      const path = checkPythonPathRequest('setPythonPath', req);
      return engines('setPythonPath').setPython(path);
    },
    async allowDatasetPath(req) {
      return deps.datasetReads.allow(expectPath('allowDatasetPath', req));
    },
    async listDatasetStatus(req) {
      return datasetFiles('listDatasetStatus').status(checkStatusRequest('listDatasetStatus', req));
    },
    async downloadDataset(req) {
      return datasetFiles('downloadDataset').download(expectDatasetId('downloadDataset', req));
    },
    async cancelDatasetDownload(req) {
      datasetFiles('cancelDatasetDownload').cancel(expectDatasetId('cancelDatasetDownload', req));
    },
    async removeDataset(req) {
      return datasetFiles('removeDataset').remove(expectDatasetId('removeDataset', req));
    },
    async openDatasetFolder(req) {
      return datasetFiles('openDatasetFolder').openFolder(expectDatasetId('openDatasetFolder', req));
    },
    async getTryInfo(req) {
      const runId = expectRunId('getTryInfo', req);
      if (!deps.tries) throw new ApiError('unsupported', 'getTryInfo: this host cannot load trained runs');
      return deps.tries.info(runId);
    },
    async predict(req) {
      const checked = checkPredictRequest('predict', req);
      if (!deps.tries) throw new ApiError('unsupported', 'predict: this host cannot load trained runs');
      return deps.tries.predict(checked);
    },
    async inspectRun(req) {
      const { runId, input } = checkInspectRequest('inspectRun', req);
      if (!deps.inspections) throw new ApiError('unsupported', 'inspectRun: this host cannot load trained runs');
      return deps.inspections.activations(runId, input);
    },
    async projectRun(req) {
      const checked = checkProjectRequest('projectRun', req);
      if (!deps.inspections) throw new ApiError('unsupported', 'projectRun: this host cannot load trained runs');
      return deps.inspections.projection(checked);
    },
  };
}

const KNOWN_METHODS = new Set<string>(API_METHODS);

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && KNOWN_METHODS.has(method);
}

/** Turns anything thrown into the shape that crosses the boundary. Unexpected errors keep their message. */
export function toErrorPayload(err: unknown, method?: string): ApiErrorPayload {
  const detail = detailOf(err);
  const coded = detail ? { detail } : {};
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...coded };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: method ? `${method} failed: ${message}` : message, ...coded };
}

/**
 * Calls one api method by name with an untrusted payload. Never throws: unknown methods and handler failures
 * become `ok: false` responses. `id` is echoed for transports that match answers to requests (WebSocket).
 */
export async function dispatch(handlers: Api, method: unknown, payload: unknown, id = 0): Promise<WireResponse> {
  if (!isApiMethod(method)) {
    const name = typeof method === 'string' ? `'${method.slice(0, 60)}'` : `a ${method === null ? 'null' : typeof method}`;
    return {
      kind: 'response',
      id,
      ok: false,
      error: { code: 'invalid', message: `Unknown api method ${name}; known methods: ${API_METHODS.join(', ')}` },
    };
  }
  try {
    checkPayloadDepth(method, payload);
    const call = handlers[method] as (req: unknown) => Promise<unknown>;
    const result = await call.call(handlers, payload);
    return { kind: 'response', id, ok: true, result };
  } catch (err) {
    const error = toErrorPayload(err, method);
    if (error.code === 'internal') console.error(`[api] ${method}:`, err);
    return { kind: 'response', id, ok: false, error };
  }
}
