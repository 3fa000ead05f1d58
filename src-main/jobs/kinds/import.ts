// importModel for a tfjs model.json: its graph (and a note on the dataset it guessed).
import type { ImportModelResult } from '../../../shared/api';
import { parseGraphFile, serializeGraph } from '../../../shared/graph/validate';
import { defineJob } from '../define-job';

export const importJob = defineJob<{ content: string; name: string }, ImportModelResult>()({
  kind: 'import',
  method: 'importModel',
  process: 'model import',
  pool: 'previews',
  run: async (job) => {
    const { importModelJsonWithDataset } = await import('../../import/model-json');
    const { graph, datasetNote } = importModelJsonWithDataset(job.content, job.name);
    // Through the file validator, so the renderer gets exactly what opening a saved graph would give.
    return { graph: parseGraphFile(serializeGraph(graph)), datasetNote };
  },
});
