// The label layout the catalogue documents is what tfjs accepts: targets shaped like the model output
// for one-hot labels, and [..., 1] float32 class ids for sparseCategoricalCrossentropy (it rejects int32). Tiny models, cpu.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from './index';
import { testConfig } from './testConfig';
import type { DatasetSplit } from './types';

const ctx = { cacheDir: '/tmp/layerlab-test-cache' };
const tensor = (t: DatasetSplit['features'][string]) => tf.tensor(t.data, t.shape, t.dtype);

async function lossDrop(build: () => tf.LayersModel, loss: string, split: DatasetSplit, epochs: number): Promise<[number, number]> {
  const model = build();
  model.compile({ optimizer: tf.train.adam(0.01), loss });
  const x = Object.keys(split.features).map((k) => tensor(split.features[k]));
  const y = tensor(split.targets.y);
  const h = await model.fit(x.length === 1 ? x[0] : x, y, { epochs, batchSize: 64, verbose: 0 });
  const losses = h.history.loss as number[];
  tf.dispose([...x, y]);
  model.dispose();
  return [losses[0], losses[losses.length - 1]];
}

describe('label encodings fit tfjs losses', () => {
  it('MNIST: one-hot with categoricalCrossentropy and int [N,1] with sparseCategoricalCrossentropy both train', async () => {
    await tf.setBackend('cpu');
    const mlp = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' })] });
    for (const [labels, loss] of [['onehot', 'categoricalCrossentropy'], ['int', 'sparseCategoricalCrossentropy']] as const) {
      const data = await loadDataset(testConfig('mnist-bundled', { labels, limit: 512 }), ctx);
      const [first, last] = await lossDrop(mlp, loss, data.train, 4);
      expect(last, `${labels}`).toBeLessThan(first * 0.6);
    }
  });

  it('sequence targets: int [N,T,1] against a [T,V] output with sparseCategoricalCrossentropy', async () => {
    await tf.setBackend('cpu');
    const data = await loadDataset(testConfig('seq-copy', { representation: 'matrix', labels: 'int', options: { length: 4, vocab: 5, samples: 256 } }), ctx);
    const model = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [4, 5], units: 5, activation: 'softmax' })] });
    const [first, last] = await lossDrop(model, 'sparseCategoricalCrossentropy', data.train, 15);
    expect(last).toBeLessThan(first * 0.7);
  });
});
