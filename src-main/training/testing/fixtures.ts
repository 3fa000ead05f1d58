// Shared by the training tests and the benchmark: a few hundred real MNIST digits and a tiny MLP.
import os from 'node:os';
import type * as tfTypes from '@tensorflow/tfjs';
import type { DatasetConfig, GraphFile, TrainingConfig } from '../../../shared/graph/types';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../../../shared/graph/types';
import { loadDataset } from '../../data';
import type { LoadedDataset } from '../../data/types';
import type { FitData } from '../fit-loop';
import { makeOptimizer } from '../../engine/optimizers';

type TF = typeof tfTypes;

export function mnistConfig(limit: number, patch: Partial<DatasetConfig> = {}): DatasetConfig {
  return {
    id: 'mnist-bundled',
    representation: 'vector',
    labels: 'onehot',
    normalization: 'scale01',
    validationSplit: 0.2,
    limit,
    seed: 7,
    ...patch,
  };
}

export function loadMnist(limit: number, patch: Partial<DatasetConfig> = {}): Promise<LoadedDataset> {
  return loadDataset(mnistConfig(limit, patch), { cacheDir: os.tmpdir() });
}

/** The dataset's 'x' and 'y' arrays for a one-input, one-output model. */
export function fitDataOf(ds: LoadedDataset): FitData {
  const split = (s: LoadedDataset['train']) => ({ size: s.size, xs: [s.features.x], ys: [s.targets.y] });
  return { train: split(ds.train), validation: ds.validation ? split(ds.validation) : null };
}

export function mlp(tf: TF, hidden: number[], training: Pick<TrainingConfig, 'optimizer' | 'learningRate'> = { optimizer: 'adam', learningRate: 0.01 }): tfTypes.LayersModel {
  const model = tf.sequential();
  hidden.forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })),
  );
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: makeOptimizer(training, tf), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Input(784) -> Dense(hidden, relu) -> Dense(10, softmax) -> Output as a graph file. */
export function mlpGraph(
  opts: { hidden?: number; epochs?: number; limit?: number; batchSize?: number; learningRate?: number; training?: Partial<TrainingConfig> } = {},
): GraphFile {
  const node = (id: string, kind: string, params: Record<string, number | string | number[]>, x: number) => ({
    id,
    kind,
    params,
    position: { x, y: 0 },
  });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: 'test mlp',
    nodes: [
      node('in', 'Input', { feature: 'x', shape: [784] }, 0),
      node('d1', 'Dense', { units: opts.hidden ?? 16, activation: 'relu' }, 200),
      node('d2', 'Dense', { units: 10, activation: 'softmax' }, 400),
      node('out', 'Output', { target: 'y' }, 600),
    ],
    edges: [edge('in', 'd1'), edge('d1', 'd2'), edge('d2', 'out')],
    dataset: mnistConfig(opts.limit ?? 300),
    training: {
      epochs: opts.epochs ?? 2,
      batchSize: opts.batchSize ?? 32,
      optimizer: 'adam',
      learningRate: opts.learningRate ?? 0.01,
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      backend: 'cpu',
      seed: 3,
      ...opts.training,
    },
  };
}
