// exportRun: a run's model files and code, written into a folder main picked.
import type { ExportFormat, ExportRunResult } from '../../../shared/api';
import { defineJob } from '../define-job';

/** The api's result minus what main adds (the folder, and canceled: false). */
export type ExportJobResult = Omit<Extract<ExportRunResult, { canceled: false }>, 'canceled' | 'dir'>;

export const exportJob = defineJob<{ dataDir: string; runId: string; format: ExportFormat; outDir: string }, ExportJobResult>()({
  kind: 'export',
  method: 'exportRun',
  process: 'export',
  pool: 'exports',
  run: async (job, note) => {
    // Loaded on demand: tfjs and the code generators stay out of a worker that only previews.
    const { runExportJob } = await import('../../export/export-job');
    return runExportJob({ dataDir: job.dataDir, format: job.format, outDir: job.outDir, runId: job.runId }, note);
  },
});
