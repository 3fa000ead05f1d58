// A DatasetConfig with the usual defaults, for tests.
import type { DatasetConfig } from '../../shared/graph/types';

export function testConfig(id: string, patch: Partial<DatasetConfig> = {}): DatasetConfig {
  return {
    id, representation: 'vector', labels: 'onehot', normalization: 'scale01',
    validationSplit: 0, limit: 0, seed: 1, ...patch,
  };
}
