// The real services behind the api, shared by the Electron app and the web host; they differ only in how a
// training worker is started (utilityProcess vs child_process.fork), the host name and the file dialogs.
import fs from 'node:fs';
import { ApiError } from '../shared/api';
import type { AppInfo } from '../shared/api';
import type { ApiDeps } from './api-handlers';
import path from 'node:path';
import { DatasetError, describeDataset, listDatasets, previewDataset } from './data';
import { probeBackend } from './engine/backend';
import type { SpawnWorker } from './training/protocol';
import { TrainingService } from './training/service';
import { ExperimentRunner } from './experiments/runner';
import { RecoveryStore } from './files/recovery-store';

export interface ServiceDepsOptions {
  host: AppInfo['host'];
  version: string;
  dataDir: string;
  spawnWorker: SpawnWorker;
  /**
   * Where an export goes: Electron asks with a folder dialog (null = canceled); without it, exports land in
   * <dataDir>/exports/<suggested name> on the machine running the host.
   */
  pickExportFolder?: (suggestedName: string) => Promise<string | null>;
}

export interface ServiceDeps {
  deps: Omit<ApiDeps, 'files'>;
  training: TrainingService;
  /** Stops running workers (their runs are saved as stopped/failed). */
  dispose(): Promise<void>;
}

export function createServiceDeps(opts: ServiceDepsOptions): ServiceDeps {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const training = new TrainingService({ dataDir: opts.dataDir, spawnWorker: opts.spawnWorker });
  const experiments = new ExperimentRunner(training, opts.dataDir);
  // Probed once: it checks installed packages, which do not change while the app runs.
  const backend = probeBackend();
  const info: AppInfo = { version: opts.version, host: opts.host, backend, platform: `${process.platform}-${process.arch}`, dataDir: opts.dataDir };
  return {
    training,
    deps: {
      info: async () => info,
      training,
      experiments,
      // Next to runs/ in the same data folder (Electron: LAYERLAB_HOME or ~/.layerlab; web host: its --data dir).
      recovery: new RecoveryStore(path.join(opts.dataDir, 'recovery')),
      exports: {
        async exportRun(runId, format) {
          const suggested = `${runId}-${format}`;
          const dir = opts.pickExportFolder ? await opts.pickExportFolder(suggested) : path.join(opts.dataDir, 'exports', suggested);
          if (dir === null) return { canceled: true };
          // Loaded on demand: tfjs and the code generators stay out of start-up.
          const { runExportJob, ExportJobError } = await import('./export/export-job');
          const notes: string[] = [];
          try {
            const result = await runExportJob({ dataDir: opts.dataDir, format, outDir: dir, runId }, (n) => notes.push(n));
            return { canceled: false, dir, files: result.files, notes: [...notes, ...result.notes] };
          } catch (err) {
            if (err instanceof ExportJobError) throw new ApiError('invalid', `exportRun: ${err.message}`);
            throw err;
          }
        },
      },
      datasets: {
        list: listDatasets,
        // A bad dataset setting or file is the caller's problem to fix, not an internal error.
        describe: async (config) => {
          try {
            return await describeDataset(config);
          } catch (err) {
            if (err instanceof ApiError) throw err;
            throw new ApiError('invalid', `describeDataset: ${err instanceof Error ? err.message : String(err)}`);
          }
        },
        // Same cache folder as the training service, so a set downloaded for one is there for the other.
        // A bad file or setting (DatasetError, its message names the file) is 'invalid'; anything else is a bug.
        preview: async (config, samples) => {
          try {
            return await previewDataset(config, samples, { cacheDir: path.join(opts.dataDir, 'cache') });
          } catch (err) {
            if (err instanceof DatasetError) throw new ApiError('invalid', `previewDataset: ${err.message}`);
            throw err;
          }
        },
      },
    },
    dispose: () => {
      experiments.dispose();
      return training.dispose();
    },
  };
}
