// Where a training step's time goes, per template family: `npx tsx bench/profile-kernels.ts [--families
// mlp,cnn] [--steps 4]` (LAYERLAB_WASM_KERNELS=stock for the stock kernels). Each family's graph as the bench
// trains it (batch 128, Adam), a few warm-up steps, then tf.profile over `steps` trainOnBatch calls: time per
// kernel (summed over calls) as a share of the steps' wall time, and what is left outside kernels (tfjs's
// tape and JavaScript). The next kernel to replace is the one at the top of this list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../src-main/data';
import { initBackend } from '../src-main/engine/backend';
import { buildModel, compileModel } from '../src-main/engine/compile';
import { prepareEngine } from '../src-main/engine/setup';
import { bindDataset } from '../src-main/training/job';
import { BATCH_SIZE, benchGraph, familiesByKey, type Family } from './families';

export interface KernelShare {
  kernel: string;
  ms: number;
  share: number;
}

export interface StepProfile {
  family: string;
  stepMs: number;
  kernels: KernelShare[];
  /** Share of the step spent outside kernels. */
  outside: number;
}

/**
 * Sums kernel times by name, largest first, as shares of `wallMs`. Entries named `<op>__op` are tfjs ops
 * with a custom gradient (fusedMatMul): their time is that of the kernels they ran, which are listed too.
 */
export function kernelShares(kernels: { name: string; kernelTimeMs: number | { error: string } }[], wallMs: number): KernelShare[] {
  const byName = new Map<string, number>();
  for (const k of kernels) {
    if (typeof k.kernelTimeMs === 'number' && !k.name.endsWith('__op')) byName.set(k.name, (byName.get(k.name) ?? 0) + k.kernelTimeMs);
  }
  return [...byName.entries()].map(([kernel, ms]) => ({ kernel, ms, share: ms / wallMs })).sort((a, b) => b.ms - a.ms);
}

async function profileFamily(f: Family, steps: number, dir: string): Promise<StepProfile> {
  const graph = await benchGraph(f, 2 * BATCH_SIZE, 1, 'wasm', dir);
  const dataset = await loadDataset(graph.dataset, { cacheDir: path.join(dir, 'cache') });
  const built = buildModel(graph, tf, dataset.shapes);
  compileModel(built.model, graph.training, tf);
  const { train } = bindDataset(dataset, built);
  const batch = (t: { data: ArrayLike<number>; shape: number[]; dtype: tf.DataType }) => {
    const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
    return tf.tensor(Array.from(t.data).slice(0, BATCH_SIZE * per), [BATCH_SIZE, ...t.shape.slice(1)], t.dtype);
  };
  const xs = train.xs.map(batch);
  const ys = train.ys.map(batch);
  const step = () => built.model.trainOnBatch(xs.length === 1 ? xs[0] : xs, ys.length === 1 ? ys[0] : ys);
  for (let i = 0; i < 3; i++) await step(); // warm-up: XNNPACK operators, kernel set-up
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await step();
  });
  const wallMs = performance.now() - t0;
  const kernels = kernelShares(info.kernels as { name: string; kernelTimeMs: number | { error: string } }[], wallMs);
  tf.dispose([...xs, ...ys]);
  built.model.dispose();
  return { family: f.key, stepMs: wallMs / steps, kernels, outside: 1 - kernels.reduce((s, k) => s + k.share, 0) };
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const families = familiesByKey(arg('--families')?.split(','));
  const steps = Number(arg('--steps') ?? 4);
  const backend = await initBackend('wasm');
  if (backend.name !== 'wasm') throw new Error(`the profile needs the wasm backend: ${backend.reason}`);
  prepareEngine(tf);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-profile-'));
  const kernelsSet = process.env.LAYERLAB_WASM_KERNELS === 'stock' ? 'stock kernels' : "LayerLab's kernels";
  console.log(`Training step profile on wasm with ${kernelsSet}, batch ${BATCH_SIZE}, ${steps} steps, load ${os.loadavg()[0].toFixed(1)}`);
  try {
    for (const f of families) {
      const p = await profileFamily(f, steps, dir);
      const top = p.kernels.slice(0, 6).map((k) => `${k.kernel} ${(100 * k.share).toFixed(0)}%`);
      console.log(`${f.key.padEnd(12)} ${p.stepMs.toFixed(0).padStart(6)} ms/step: ${top.join(', ')}; outside kernels ${(100 * p.outside).toFixed(0)}%`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
