// importModel for an ONNX file (base64): its graph, and its weights stored as a run in dataDir.
import type { ImportModelResult } from '../../../shared/api';
import { defineJob } from '../define-job';

export const importOnnxJob = defineJob<{ base64: string; name: string; dataDir: string }, ImportModelResult>()({
  kind: 'import-onnx',
  method: 'importModel',
  process: 'model import',
  // It builds a tfjs model and writes a run: the export queue's process and timeout.
  pool: 'exports',
  run: async (job) => {
    const { importOnnxRun } = await import('../../import/onnx/imported-run');
    return importOnnxRun(Buffer.from(job.base64, 'base64'), job.name, job.dataDir);
  },
});
