import { describe, expect, it } from 'vitest';
import { defaultDatasetConfig, defaultTrainingConfig, emptyGraph } from './defaults';
import { parseGraphFile, serializeGraph } from './validate';

describe('defaults', () => {
  it('have the documented values', () => {
    expect(defaultDatasetConfig()).toEqual({
      id: 'mnist-bundled', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 0, seed: 42,
    });
    expect(defaultTrainingConfig()).toEqual({
      epochs: 5, batchSize: 128, optimizer: 'adam', learningRate: 0.001, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'auto',
    });
  });

  it('give an empty graph that is a valid file, fresh on every call', () => {
    const g = emptyGraph();
    expect(parseGraphFile(serializeGraph(g))).toEqual(g);
    g.training.metrics.push('x');
    expect(emptyGraph().training.metrics).toEqual(['accuracy']);
  });
});
