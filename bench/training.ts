// The three trainer-vs-model.fit rows of `npm run bench`: an MLP, an LSTM over image rows and a small
// convnet, each on real MNIST digits, all on one backend. The race itself is bench/trainer-vs-fit.ts.
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../shared/api';
import { ensureGradientFixes } from '../src-main/engine/custom/gradients';
import { makeOptimizer } from '../src-main/engine/optimizers';
import { fitDataOf, loadMnist } from '../src-main/training/testing/fixtures';
import { benchLoopVsFit, mlpCase, type LoopVsFitCase, type TrainerBenchResult } from './trainer-vs-fit';

export const MLP_HIDDEN = [1024, 512, 512];

function compiled(model: tf.LayersModel): tf.LayersModel {
  model.compile({
    optimizer: makeOptimizer({ optimizer: 'adam', learningRate: 0.001 }, tf),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** LSTM(units) reading a 28x28 digit as 28 time steps of 28 pixels, then Dense(10). */
export async function lstmCase(samples: number, units = 64): Promise<LoopVsFitCase> {
  const data = fitDataOf(await loadMnist(samples, { validationSplit: 0, representation: 'sequence' }));
  const makeModel = () =>
    compiled(
      tf.sequential({
        layers: [
          tf.layers.lstm({ units, inputShape: [28, 28] }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
    );
  return { model: `LSTM(${units}) over 28x28 rows`, data, makeModel };
}

/** conv(8)-pool-conv(16)-pool-dense(10) on 28x28x1, with LayerLab's Conv2D gradient (needed on wasm). */
export async function cnnCase(samples: number): Promise<LoopVsFitCase> {
  ensureGradientFixes(tf);
  const data = fitDataOf(await loadMnist(samples, { validationSplit: 0, representation: 'image' }));
  const makeModel = () =>
    compiled(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
    );
  return { model: 'CNN conv8-pool-conv16-pool-dense10', data, makeModel };
}

export interface TrainingBenchSizes {
  mlp: number;
  lstm: number;
  cnn: number;
  rounds: number;
  batchSize: number;
}

/** Sample counts sized for roughly 20-40 s per row on wasm with 2 busy cores; cpu is ~5x slower, so fewer. */
export function trainingSizes(backend: string): TrainingBenchSizes {
  return backend === 'cpu'
    ? { mlp: 256, lstm: 256, cnn: 256, rounds: 2, batchSize: 128 }
    : { mlp: 1024, lstm: 1024, cnn: 1024, rounds: 3, batchSize: 128 };
}

export type TrainingRow = TrainerBenchResult & { samples: number; key: 'mlp' | 'lstm' | 'cnn' };

export async function benchTraining(backend: BackendInfo, sizes: TrainingBenchSizes, log: (line: string) => void): Promise<TrainingRow[]> {
  const cases: [TrainingRow['key'], () => Promise<LoopVsFitCase>, number][] = [
    ['mlp', () => mlpCase(MLP_HIDDEN, sizes.mlp), sizes.mlp],
    ['lstm', () => lstmCase(sizes.lstm), sizes.lstm],
    ['cnn', () => cnnCase(sizes.cnn), sizes.cnn],
  ];
  const rows: TrainingRow[] = [];
  for (const [key, make, samples] of cases) {
    const c = await make();
    log(`training: ${c.model}, ${samples} samples x ${sizes.rounds + 1} epochs each way...`);
    const r = await benchLoopVsFit(c, { backend, epochs: 1, batchSize: sizes.batchSize, rounds: sizes.rounds });
    rows.push({ ...r, samples, key });
  }
  return rows;
}
