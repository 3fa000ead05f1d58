// The inspector's look at a user dataset's files: real sizes when they read, the host's reason when they do not.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api';
import { DATASETS } from '../../../shared/data/catalog';
import { defaultDatasetConfig } from '../../../shared/graph/defaults';
import { checkDatasetFiles, needsFileCheck } from './datasetCheck';

describe('dataset file check', () => {
  it('is needed only for datasets read from a path', () => {
    expect(needsFileCheck(DATASETS.find((d) => d.id === 'mnist-bundled'))).toBe(false);
    expect(needsFileCheck(DATASETS.find((d) => d.id === 'csv'))).toBe(true);
    expect(needsFileCheck(undefined)).toBe(false);
  });

  it('gives the sizes the host read, or its reason instead of any sizes', async () => {
    const dataset = { ...defaultDatasetConfig(), id: 'kmnist', options: { path: '/nowhere' } };
    const read = await checkDatasetFiles({ describeDataset: async () => ({ features: { x: [784] }, targets: { y: [10] }, trainSize: 12, testSize: 4 }) }, dataset);
    expect(read).toEqual({ shapes: expect.objectContaining({ trainSize: 12, testSize: 4 }) });
    const failed = await checkDatasetFiles({ describeDataset: () => Promise.reject(new ApiError('invalid', 'describeDataset: /nowhere: no such file or folder')) }, dataset);
    expect(failed.shapes).toBeUndefined();
    expect(failed.problem).toBe('/nowhere: no such file or folder');
  });
});
