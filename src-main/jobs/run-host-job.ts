// The work of one host job, as the job worker does it, with errors turned into what the api answers today:
// a bad dataset file or setting (DatasetError), a bad export request (ExportJobError) and a model file that
// cannot be imported (ImportError) are 'invalid' with a message naming the problem; anything else is a bug
// and leaves as a plain error ('internal' at the api).
import { ApiError, detailOf, errorDetail } from '../../shared/api';
import { DatasetError, describeDataset, previewDataset } from '../data';
import { parseGraphFile, serializeGraph } from '../../shared/graph/validate';
import { JOB_METHOD, type HostJob, type JobFailure } from './protocol';

export async function runHostJob(job: HostJob, note: (message: string) => void): Promise<unknown> {
  switch (job.kind) {
    case 'preview':
      return previewDataset(job.dataset, job.samples, { cacheDir: job.cacheDir });
    case 'describe':
      return describeDataset(job.dataset);
    case 'export': {
      // Loaded on demand: tfjs and the code generators stay out of a worker that only previews.
      const { runExportJob } = await import('../export/export-job');
      return runExportJob({ dataDir: job.dataDir, format: job.format, outDir: job.outDir, runId: job.runId }, note);
    }
    case 'import': {
      const { importModelJsonWithDataset } = await import('../import/model-json');
      const { graph, datasetNote } = importModelJsonWithDataset(job.content, job.name);
      // Through the file validator, so the renderer gets exactly what opening a saved graph would give.
      return { graph: parseGraphFile(serializeGraph(graph)), datasetNote };
    }
    case 'import-onnx': {
      const { importOnnxRun } = await import('../import/onnx/imported-run');
      return importOnnxRun(Buffer.from(job.base64, 'base64'), job.name, job.dataDir);
    }
    case 'inspect': {
      const { runInspectJob } = await import('../inspect/inspect-job');
      return runInspectJob(job);
    }
    case 'project': {
      const { runProjectionJob } = await import('../inspect/inspect-job');
      return runProjectionJob(job);
    }
    case 'tryInfo':
    case 'predict': {
      const { runTryJob } = await import('../predict/try-job');
      return runTryJob(job);
    }
    case 'lrFind': {
      const { runLrFindJob } = await import('../training/lr-find-job');
      return runLrFindJob({ graph: job.graph, cacheDir: job.cacheDir }, note);
    }
  }
}

export function toJobFailure(job: HostJob, err: unknown): JobFailure {
  const found = detailOf(err);
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(found ? { detail: found } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  // By name: export-job.ts (and tfjs with it) is only loaded when an export runs.
  const isCallersProblem = err instanceof DatasetError || (err instanceof Error && (err.name === 'ExportJobError' || err.name === 'ImportError' || err.name === 'TryInputError'));
  if (!isCallersProblem) return found ? { message, detail: found } : { message };
  // The method name prefixes the English text; the coded detail says the problem itself.
  const generic = err instanceof Error && err.name === 'ExportJobError' ? 'export.failed' : err instanceof Error && err.name === 'ImportError' ? 'import.failed' : null;
  const detail = found ?? (generic ? errorDetail(generic, { detail: message }, message) : undefined);
  return { code: 'invalid', message: `${JOB_METHOD[job.kind]}: ${message}`, ...(detail ? { detail } : {}) };
}

