// The real services behind the api, shared by the Electron app and the web host; they differ only in how worker
// processes are started (utilityProcess vs child_process.fork), the host name and the file dialogs.
// Heavy one-off work (dataset previews, exports) runs in a job worker process, so the host's event loop stays
// free to answer requests and relay live training events meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import { ApiError, detailOf } from '../shared/api';
import type { AppInfo } from '../shared/api';
import type { ApiDeps } from './api-handlers';
import path from 'node:path';
import { describeDataset, describeReadsFiles, listDatasets } from './data';
import { builtInReadPaths } from './data/userFiles';
import { createDatasetReads, type ConfirmRead } from './files/dataset-reads';
import { ReadGrants } from './files/read-grants';
import { probeBackend } from './engine/backend';
import type { SpawnWorker } from './training/protocol';
import { TrainingService } from './training/service';
import { ExperimentRunner } from './experiments/runner';
import { RecoveryStore } from './files/recovery-store';
import { JobPools } from './jobs/pools';
import { TorchEngineLocator } from './torch/engine-locator';
import type { SpawnJobWorker } from './jobs/protocol';
import { DatasetFiles } from './data/dataset-files';

export interface ServiceDepsOptions {
  host: AppInfo['host'];
  version: string;
  dataDir: string;
  spawnWorker: SpawnWorker;
  /** Starts the process that runs dataset previews and exports (src-main/jobs/job-worker.ts). */
  spawnJobWorker: SpawnJobWorker;
  /** The previews pool's time limit (jobs/pools.ts); default 120 s. */
  previewTimeoutMs?: number;
  /**
   * Where an export goes: Electron asks with a folder dialog (null = canceled); without it, exports land in
   * <dataDir>/exports/<suggested name> on the machine running the host.
   */
  pickExportFolder?: (suggestedName: string) => Promise<string | null>;
  /**
   * Electron: asks in a native dialog before a dataset path is allowed, so not even a compromised page can grant
   * itself a file. The web host has no window of its own: its page is the only place to ask (see README, Security).
   */
  confirmDatasetRead?: ConfirmRead;
  /** Electron: shell.openPath for Open folder in the Datasets view (the web host only shows the path). */
  openFolder?: (path: string) => Promise<boolean>;
}

export interface ServiceDeps {
  deps: Omit<ApiDeps, 'files'>;
  training: TrainingService;
  /** Dataset downloads: hosts forward their progress as 'datasetDownload' events. */
  datasetFiles: DatasetFiles;
  /** Stops running workers (their runs are saved as stopped/failed). */
  dispose(): Promise<void>;
}

export function createServiceDeps(opts: ServiceDepsOptions): ServiceDeps {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  // Probed in a child process on first use (the renderer asks at start), then cached: never blocks the host.
  const torch = new TorchEngineLocator({ dataDir: opts.dataDir });
  const training = new TrainingService({ dataDir: opts.dataDir, spawnWorker: opts.spawnWorker, pytorch: torch });
  const experiments = new ExperimentRunner(training, opts.dataDir);
  // Probed once: it checks installed packages, which do not change while the app runs.
  const backend = probeBackend();
  // Each job kind names its worker pool (jobs/kinds/<kind>.ts): previews, exports, tries, the learning-rate finder.
  const jobs = new JobPools(opts.spawnJobWorker, { previews: opts.previewTimeoutMs });
  // The app's own folders are always readable; the user's files once allowed (kept in <dataDir>/read-grants.json).
  const grants = new ReadGrants({ builtIn: [opts.dataDir, ...builtInReadPaths()], file: path.join(opts.dataDir, 'read-grants.json') });
  const datasetReads = createDatasetReads(grants, opts.confirmDatasetRead);
  // Downloads go where the training worker and previews look: <dataDir>/cache/<set>/.
  const datasetFiles = new DatasetFiles({ cacheDir: path.join(opts.dataDir, 'cache'), notAllowed: (c) => datasetReads.notAllowed(c), openFolder: opts.openFolder });
  const info: AppInfo = { version: opts.version, host: opts.host, backend, platform: `${process.platform}-${process.arch}`, dataDir: opts.dataDir, memoryBytes: os.totalmem() };
  return {
    training,
    datasetFiles,
    deps: {
      info: async () => info,
      training,
      experiments,
      datasetReads,
      datasetFiles,
      // Trying a trained run: its own worker, so the loaded model and dataset stay warm between inputs.
      tries: {
        info: (runId) => jobs.run({ kind: 'tryInfo', dataDir: opts.dataDir, runId }),
        predict: (request) => jobs.run({ kind: 'predict', dataDir: opts.dataDir, request }),
      },
      // A model.json opened in File > Open: a short job, in the same worker as previews.
      imports: {
        importModel: (content, name) => jobs.run({ kind: 'import', content, name }),
        // ONNX builds a tfjs model and writes a run: the export queue's process and timeout.
        importOnnx: (base64, name) => jobs.run({ kind: 'import-onnx', base64, name, dataDir: opts.dataDir }),
      },
      lrFinder: { find: (graph) => jobs.run({ kind: 'lrFind', graph, cacheDir: path.join(opts.dataDir, 'cache') }) },
      // Next to runs/ in the same data folder (Electron: LAYERLAB_HOME or ~/.layerlab; web host: its --data dir).
      recovery: new RecoveryStore(path.join(opts.dataDir, 'recovery')),
      engines: {
        info: async () => ({ pytorch: await torch.info() }),
        setPython: async (python) => ({ pytorch: await torch.setPython(python) }),
      },
      // Same worker as predictions: the run loaded for trying is the one looked inside (predict/load-run.ts caches it).
      inspections: {
        activations: (runId, input) => jobs.run({ kind: 'inspect', dataDir: opts.dataDir, runId, input }),
        projection: (req) => jobs.run({ kind: 'project', dataDir: opts.dataDir, ...req }),
      },
      exports: {
        async exportRun(runId, format) {
          const suggested = `${runId}-${format}`;
          const dir = opts.pickExportFolder ? await opts.pickExportFolder(suggested) : path.join(opts.dataDir, 'exports', suggested);
          if (dir === null) return { canceled: true };
          // A bad run id or a run without weights comes back as ApiError('invalid', 'exportRun: ...').
          const notes: string[] = [];
          const result = await jobs.run({ kind: 'export', dataDir: opts.dataDir, format, outDir: dir, runId }, (n) => notes.push(n));
          return { canceled: false, dir, files: result.files, notes: [...notes, ...result.notes] };
        },
      },
      datasets: {
        list: listDatasets,
        // Shapes that need the user's files are read in the job worker (headers, or a streamed CSV or text file);
        // the others come from the catalogue here. A bad setting or file is the caller's to fix: 'invalid'.
        describe: async (config) => {
          if (describeReadsFiles(config)) return jobs.run({ kind: 'describe', dataset: config });
          try {
            return await describeDataset(config);
          } catch (err) {
            if (err instanceof ApiError) throw err;
            throw new ApiError('invalid', `describeDataset: ${err instanceof Error ? err.message : String(err)}`, detailOf(err));
          }
        },
        // Same cache folder as the training service, so a set downloaded for one is there for the other.
        // A bad file or setting (DatasetError, its message names the file) comes back 'invalid'; anything else is a bug.
        preview: (config, samples) => jobs.run({ kind: 'preview', dataset: config, samples, cacheDir: path.join(opts.dataDir, 'cache') }),
      },
    },
    dispose: () => {
      jobs.dispose();
      datasetFiles.dispose();
      experiments.dispose();
      return training.dispose();
    },
  };
}
