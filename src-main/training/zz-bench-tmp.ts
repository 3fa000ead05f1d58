import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../engine/backend';
import { makeOptimizer } from '../engine/optimizers';
import type { TrainingConfig } from '../../shared/graph/types';
import { loadMnist } from './testing/fixtures';

async function main() {
  const which = (process.argv[2] ?? 'cpu') as 'cpu' | 'wasm';
  await initBackend(which);
  const ds = await loadMnist(1280);
  const x = tf.tensor(ds.train.features.x.data.subarray(0, 128 * 784), [128, 784]);
  const y = tf.tensor(ds.train.targets.y.data.subarray(0, 1280), [128, 10]);
  const variants: [string, Partial<TrainingConfig>][] = [
    ['adam', {}],
    ['adam + clipNorm', { gradientClip: { clipNorm: 1 } }],
    ['adam + clipNorm + clipValue', { gradientClip: { clipNorm: 1, clipValue: 0.5 } }],
    ['adamw', { optimizer: 'adamw' }],
    ['adamw + clipNorm', { optimizer: 'adamw', gradientClip: { clipNorm: 1 } }],
  ];
  const models = variants.map(([, t]) => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    m.compile({ optimizer: makeOptimizer({ optimizer: 'adam', learningRate: 0.001, ...t }, tf), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return m;
  });
  const times = variants.map(() => [] as number[]);
  const steps = Number(process.argv[3] ?? 40);
  for (let s = 0; s < steps + 5; s++) {
    // rotate the order each round so no variant always runs first
    for (let k = 0; k < models.length; k++) {
      const i = (k + s) % models.length;
      const t0 = performance.now();
      await models[i].trainOnBatch(x, y);
      if (s >= 5) times[i].push(performance.now() - t0);
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const base = median(times[0]);
  variants.forEach(([name], i) => {
    const med = median(times[i]);
    console.log(`${which} ${name.padEnd(30)} median ${med.toFixed(1)} ms/step (${(128000 / med).toFixed(0)} samples/s), x${(med / base).toFixed(3)} vs adam`);
  });
}
main();
