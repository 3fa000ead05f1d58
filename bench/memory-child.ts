// Child process of the peak-memory row: loads full Fashion-MNIST with LayerLab's loader, trains one epoch
// of a small MLP with LayerLab's fit loop, and prints one JSON line with its own peak RSS.
//   tsx bench/memory-child.ts <backend> <folder>
import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import type { BackendChoice } from '../shared/graph/types';
import { initBackend } from '../src-main/engine/backend';
import { loadDataset } from '../src-main/data';
import { TrainControl } from '../src-main/training/control';
import { fitModel } from '../src-main/training/fit-loop';
import { fitDataOf, mlp } from '../src-main/training/testing/fixtures';
import { HIDDEN, type MemoryChildResult } from './memory';

async function main(): Promise<void> {
  const [backendArg, folder] = process.argv.slice(2);
  const backend = await initBackend((backendArg ?? 'wasm') as BackendChoice);
  let t0 = performance.now();
  const ds = await loadDataset(
    { id: 'fashion-mnist', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0, limit: 0, seed: 1, options: { path: folder } },
    { cacheDir: os.tmpdir() },
  );
  const loadMs = performance.now() - t0;
  const model = mlp(tf, HIDDEN, { optimizer: 'adam', learningRate: 0.001 });
  t0 = performance.now();
  const outcome = await fitModel(tf, model, fitDataOf(ds), { epochs: 1, batchSize: 128, backend }, () => {}, new TrainControl());
  const trainMs = performance.now() - t0;
  if (outcome.status !== 'completed') throw new Error(`training ${outcome.status}${outcome.status === 'failed' ? `: ${outcome.error}` : ''}`);
  const result: MemoryChildResult = {
    backend: backend.name,
    trainSamples: ds.train.size,
    loadMs,
    trainMs,
    samplesPerSec: (ds.train.size * 1000) / trainMs,
    accuracy: outcome.final?.acc ?? null,
    // maxRSS is in kilobytes on Linux and macOS.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
