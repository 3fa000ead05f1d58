// ONNX inference of the exported MLP (784-1024-512-512-10, the mlp-mnist template) in onnxruntime-node against
// the same model's tfjs-wasm inference: alternating rounds in one run, the same batches, outputs compared.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { getTemplate } from '../shared/templates';
import { dataShapesForGraph } from '../shared/infer';
import { initBackend } from '../src-main/engine/backend';
import { buildModel } from '../src-main/engine/compile';
import { exportOnnxModel } from '../src-main/export/onnx/export-onnx';
import { fmt, median, skippedRow, type BenchRow } from './results';

const KEY = 'onnx.mlp';
const NAME = 'ONNX inference, MLP 784-1024-512-512-10';
const BATCH = 128;

export async function benchOnnxInference(opts: { rounds: number; batchesPerRound: number; log: (line: string) => void }): Promise<BenchRow> {
  const previous = tf.getBackend();
  const backend = await initBackend('wasm');
  if (backend.name !== 'wasm') {
    if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
    return skippedRow(KEY, NAME, `the tfjs wasm backend is not available (${backend.reason})`);
  }
  const template = getTemplate('mlp-mnist')!;
  const { model } = buildModel(template.graph, tf, dataShapesForGraph(template.graph));
  const session = await ort.InferenceSession.create(exportOnnxModel(template.graph, model, dataShapesForGraph(template.graph)).bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const input = Float32Array.from({ length: BATCH * 784 }, (_, i) => ((i * 7919) % 256) / 255);
    const x = tf.tensor2d(input, [BATCH, 784]);
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, [BATCH, 784]) };
    const tfjsRun = () => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
    const ortRun = async () => (await session.run(feeds))[session.outputNames[0]].data as Float32Array;
    // Warm-up, and the outputs must agree before any timing counts.
    const a = tfjsRun();
    const b = await ortRun();
    const gap = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
    if (!(gap < 1e-4)) throw new Error(`onnxruntime and tfjs disagree on the MLP by ${gap}`);
    const tfjsRates: number[] = [];
    const ortRates: number[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      let t0 = performance.now();
      for (let i = 0; i < opts.batchesPerRound; i++) tfjsRun();
      tfjsRates.push((BATCH * opts.batchesPerRound) / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      for (let i = 0; i < opts.batchesPerRound; i++) await ortRun();
      ortRates.push((BATCH * opts.batchesPerRound) / ((performance.now() - t0) / 1000));
      opts.log(`onnx: round ${r + 1}: tfjs-wasm ${fmt(tfjsRates[r])} samples/s, onnxruntime ${fmt(ortRates[r])} samples/s`);
    }
    x.dispose();
    const tfjs = median(tfjsRates);
    const onnx = median(ortRates);
    return {
      key: KEY,
      name: NAME,
      status: 'ok',
      metrics: {
        onnxruntime: { value: onnx, unit: 'samples/s', better: 'higher' },
        tfjsWasm: { value: tfjs, unit: 'samples/s', better: 'higher' },
        ratio: { value: onnx / tfjs, unit: 'x', better: 'higher' },
      },
      cells: {
        result: `${fmt(onnx)} samples/s (onnxruntime-node, 1 thread)`,
        reference: `${fmt(tfjs)} samples/s (tfjs-wasm)`,
        ratio: `${fmt(onnx / tfjs)}x`,
        note: `batch ${BATCH}, ${opts.rounds} alternating rounds of ${opts.batchesPerRound} batches, medians; outputs agree within ${gap.toExponential(1)}`,
      },
    };
  } finally {
    model.dispose();
    await session.release();
    if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
  }
}
