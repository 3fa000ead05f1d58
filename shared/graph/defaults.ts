// Default settings for new graphs: MNIST as 784-vectors with one-hot labels, Adam at 0.001 for 5 epochs.
import { GRAPH_FORMAT, GRAPH_VERSION, type DatasetConfig, type GraphFile, type TrainingConfig } from './types';

export function defaultDatasetConfig(): DatasetConfig {
  return {
    id: 'mnist-bundled',
    representation: 'vector',
    labels: 'onehot',
    normalization: 'scale01',
    validationSplit: 0.1,
    limit: 0,
    seed: 42,
  };
}

export function defaultTrainingConfig(): TrainingConfig {
  return {
    epochs: 5,
    batchSize: 128,
    optimizer: 'adam',
    learningRate: 0.001,
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
    backend: 'auto',
  };
}

/** A graph with no nodes and the default dataset and training settings. */
export function emptyGraph(name = 'Untitled'): GraphFile {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes: [],
    edges: [],
    dataset: defaultDatasetConfig(),
    training: defaultTrainingConfig(),
  };
}
