// Whole-model check of LayerLab's wasm kernels: for each template family of the speed bench (MLP, CNN, LSTM,
// Transformer encoder, tiny GPT, WaveNet) the loss and the gradient of every trainable weight on a small
// batch, with the same weights, computed three ways: wasm with LayerLab's kernels, the cpu backend, and wasm
// with tfjs-backend-wasm's stock kernels. The kernels meet here in the combinations training really uses
// (products with transposes, attention's batched products, conv and pooling gradients, bias sums).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchGraph, FAMILIES } from '../../../bench/families';
import { loadDataset } from '../../data';
import type { LoadedDataset } from '../../data/types';
import type { GraphFile } from '../../../shared/graph/types';
import { initBackend } from '../backend';
import { buildModel, compileModel } from '../compile';
import { prepareEngine } from '../setup';
import { bindDataset } from '../../training/job';
import { installWasmKernels, uninstallWasmKernels } from '.';

const ROWS = 8;
let tmp = '';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
  prepareEngine(tf); // LayerLab's gradients (dilated Conv2D, Embedding's on wasm), as the training worker
  tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-kernel-grads-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Result {
  names: string[];
  loss: number;
  grads: Float32Array[];
}

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Loss and gradients of the compiled loss on the first ROWS samples, starting from `weights`. */
function lossAndGradients(graph: GraphFile, dataset: LoadedDataset, weights: Float32Array[] | null): { result: Result; weights: Float32Array[] } {
  const built = buildModel(graph, tf, dataset.shapes);
  compileModel(built.model, graph.training, tf);
  const model = built.model;
  try {
    if (weights) model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape, w.dtype)));
    const start = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
    const { train } = bindDataset(dataset, built);
    const head = (t: { data: ArrayLike<number>; shape: number[]; dtype: tf.DataType }) => {
      const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
      return tf.tensor(Array.from(t.data).slice(0, ROWS * per), [ROWS, ...t.shape.slice(1)], t.dtype);
    };
    const lossFns = (model as unknown as { lossFunctions: LossFn[] }).lossFunctions;
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const result = tf.tidy(() => {
      const xs = train.xs.map(head);
      const ys = train.ys.map(head);
      // training: false keeps dropout out (random); every other layer's backward pass is the training one.
      const { value, grads } = tf.variableGrads(() => {
        const out = model.apply(xs.length === 1 ? xs[0] : xs, { training: false }) as tf.Tensor | tf.Tensor[];
        const preds = Array.isArray(out) ? out : [out];
        return tf.addN(preds.map((p, i) => tf.mean(lossFns[i](ys[i], p)))) as tf.Scalar;
      }, variables);
      return {
        names: model.trainableWeights.map((w) => w.originalName),
        loss: value.dataSync()[0],
        grads: variables.map((v) => Float32Array.from(grads[v.name].dataSync())),
      };
    });
    return { result, weights: start };
  } finally {
    model.dispose();
  }
}

function expectClose(got: Result, want: Result, reference: string, tol: number): void {
  expect(got.names).toEqual(want.names);
  expect(Math.abs(got.loss - want.loss), `loss against ${reference}`).toBeLessThan(tol * Math.max(1, Math.abs(want.loss)));
  want.grads.forEach((w, i) => {
    const g = got.grads[i];
    let scale = 1e-3;
    let worst = 0;
    for (let j = 0; j < w.length; j++) {
      scale = Math.max(scale, Math.abs(w[j]));
      worst = Math.max(worst, Math.abs(g[j] - w[j]));
    }
    expect(worst / scale, `gradient of ${want.names[i]} against ${reference}: largest difference ${worst} of scale ${scale}`).toBeLessThan(tol);
  });
}

describe('template gradients on wasm with LayerLab kernels equal cpu and stock wasm', () => {
  for (const family of FAMILIES) {
    it(`${family.label} (${family.template})`, async () => {
      const graph = await benchGraph(family, 128, 1, 'wasm', tmp);
      const dataset = await loadDataset(graph.dataset, { cacheDir: path.join(tmp, 'cache') });
      await tf.setBackend('cpu');
      let cpu: ReturnType<typeof lossAndGradients>;
      try {
        cpu = lossAndGradients(graph, dataset, null);
      } finally {
        await tf.setBackend('wasm');
      }
      uninstallWasmKernels(tf);
      let stock: Result;
      try {
        stock = lossAndGradients(graph, dataset, cpu.weights).result;
      } finally {
        installWasmKernels(tf, {});
      }
      const ours = lossAndGradients(graph, dataset, cpu.weights).result;
      expect(ours.grads.length).toBeGreaterThan(0);
      expectClose(ours, cpu.result, 'the cpu backend', 1e-4);
      // (The stock MaxPoolGrad drops windows whose maximum is negative or zero, see max-pool-grad.test.ts;
      // after the CNN's ReLU that loses nothing, since ReLU's own gradient is zero there.)
      expectClose(ours, stock, 'the stock wasm kernels', 1e-4);
    }, 120_000);
  }
});
