// previewDataset: a few samples of a dataset, read in the job worker.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetPreview } from '../../../shared/data/preview';
import { previewDataset } from '../../data';
import { defineJob } from '../define-job';

export const previewJob = defineJob<{ dataset: DatasetConfig; samples: number; cacheDir: string }, DatasetPreview>()({
  kind: 'preview',
  method: 'previewDataset',
  process: 'dataset preview',
  pool: 'previews',
  run: (job) => previewDataset(job.dataset, job.samples, { cacheDir: job.cacheDir }),
});
