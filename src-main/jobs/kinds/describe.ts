// describeDataset for the settings whose shapes need the user's files (headers, or a streamed CSV or text file).
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { describeDataset } from '../../data';
import { defineJob } from '../define-job';

export const describeJob = defineJob<{ dataset: DatasetConfig }, DatasetShapes>()({
  kind: 'describe',
  method: 'describeDataset',
  process: 'dataset preview',
  pool: 'previews',
  run: (job) => describeDataset(job.dataset),
});
