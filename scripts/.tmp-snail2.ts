import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import { getTemplate } from '../shared/templates';
import { buildModel, compileModel } from '../src-main/engine/compile';
import { initBackend } from '../src-main/engine/backend';
import { ensureGradientFixes } from '../src-main/engine/custom/gradients';
import { loadDataset } from '../src-main/data';
import { bindDataset } from '../src-main/training/job';
import { fitModel } from '../src-main/training/fit-loop';
import { TrainControl } from '../src-main/training/control';
async function main() {
  const backend = await initBackend('wasm'); ensureGradientFixes(tf);
  const g = structuredClone(getTemplate('snail-fewshot')!.graph);
  const lr = Number(process.argv[2] ?? 0.003);
  g.dataset = { ...g.dataset, limit: 2000, validationSplit: 0.2, options: { ...g.dataset.options, episodes: 2000 } };
  const ds = await loadDataset(g.dataset, { cacheDir: os.tmpdir() });
  const built = buildModel(g, tf, ds.shapes);
  compileModel(built.model, { ...g.training, learningRate: lr }, tf);
  await fitModel(tf, built.model, bindDataset(ds, built), { epochs: 12, batchSize: 32, backend, seed: 1, batchEventIntervalMs: 1e9 }, (e) => { if (e.type === 'epoch') console.log(lr, e.epoch, JSON.stringify(e.metrics)); }, new TrainControl());
}
main();
