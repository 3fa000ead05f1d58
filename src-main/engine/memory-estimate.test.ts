// The memory estimate (shared/graph/memory.ts) against what tfjs really holds at the peak of a training step.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getTemplate } from '../../shared/templates';
import { inferGraph } from '../../shared/infer';
import { estimateTrainingMemory } from '../../shared/graph/memory';
import type { GraphFile } from '../../shared/graph/types';
import { buildModel, compileModel } from './compile';
import { initBackend } from './backend';

beforeAll(async () => {
  await initBackend('cpu');
}, 60_000);

/** Peak bytes tfjs holds during the first training step (weights, optimizer state, activations, gradients). */
async function measuredPeak(graph: GraphFile, batchSize: number): Promise<number> {
  const base = tf.memory().numBytes;
  const { model } = buildModel(graph, tf);
  compileModel(model, { ...graph.training, batchSize }, tf);
  const xs = model.inputs.map((input) => tf.randomUniform([batchSize, ...(input.shape.slice(1) as number[])], 0, 3, 'int32').toFloat());
  const ys = model.outputs.map((output) => {
    const classes = output.shape[output.shape.length - 1] as number;
    return tf.oneHot(tf.randomUniform([batchSize, ...(output.shape.slice(1, -1) as number[])], 0, classes, 'int32'), classes).toFloat();
  });
  const dataBytes = [...xs, ...ys].reduce((n, t) => n + t.size * 4, 0);
  const profile = await tf.profile(async () => {
    await model.trainOnBatch(xs, ys);
  });
  tf.dispose([...xs, ...ys]);
  model.optimizer.dispose();
  model.dispose();
  // The peak counts everything alive, the weights allocated before the step included; the data is not the model's.
  return profile.peakBytes - base - dataBytes;
}

describe('memory estimate vs tfjs', () => {
  for (const [id, batch] of [
    ['mlp-mnist', 128],
    ['mlp-mnist', 8],
    ['transformer-encoder-mnist', 64],
    ['lstm-mnist-rows', 64],
    ['cnn-cifar10', 16],
  ] as const) {
    it(`${id}: the estimate is within 0.6x-1.6x of the measured peak of a training step`, async () => {
      const graph = getTemplate(id)!.graph;
      const estimate = estimateTrainingMemory(inferGraph(graph), { batchSize: batch, optimizer: graph.training.optimizer });
      const peak = await measuredPeak(graph, batch);
      const ratio = estimate.totalBytes / peak;
      console.log(`${id}: estimate ${estimate.totalBytes} B, measured peak ${peak} B, ratio ${ratio.toFixed(2)}`);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    }, 600_000); // the CNN's step on the cpu backend took 240 s on a shared 2-core machine at load 20-30
  }
});
