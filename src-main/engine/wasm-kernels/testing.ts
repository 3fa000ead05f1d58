// Test helpers for the wasm kernel replacements: run the same computation on the cpu backend and on wasm with
// tfjs-backend-wasm's stock kernels (the two references), then on wasm with LayerLab's kernels, and compare
// every output with both.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { installWasmKernels, uninstallWasmKernels } from '.';

interface Outputs {
  shapes: number[][];
  values: Float32Array[];
}

function run(seed: number, fn: (seed: number) => tf.Tensor[]): Outputs {
  return tf.tidy(() => {
    const outs = fn(seed);
    return { shapes: outs.map((t) => t.shape), values: outs.map((t) => Float32Array.from(t.dataSync())) };
  });
}

function expectClose(got: Outputs, want: Outputs, reference: string, tol: number): void {
  expect(got.shapes, reference).toEqual(want.shapes);
  want.values.forEach((w, i) => {
    const g = got.values[i];
    let scale = 1;
    let worst = 0;
    for (let j = 0; j < w.length; j++) {
      scale = Math.max(scale, Math.abs(w[j]));
      worst = Math.max(worst, Math.abs(g[j] - w[j]));
    }
    expect(worst / scale, `output ${i} (shape ${want.shapes[i].join('x')}) against ${reference}: largest difference ${worst} of scale ${scale}`).toBeLessThan(tol);
  });
}

export interface ParityOptions {
  /** Largest difference allowed, relative to the largest magnitude of each output (default 1e-5). */
  tol?: number;
  /**
   * Also compare with the stock wasm kernels (default true). Off only where the stock kernel is wrong:
   * say why at the call.
   */
  stockWasm?: boolean;
}

/**
 * Runs `fn` (which makes its own inputs from `seed`, e.g. with seeded tf.randomNormal, so every run sees
 * the same numbers) on cpu, on wasm with the stock kernels and on wasm with LayerLab's; expects LayerLab's
 * outputs to equal both references in shape and within `tol` (sums of many products round differently on
 * each backend). Leaves wasm, with LayerLab's kernels installed, as the current backend.
 */
export async function expectParity(seed: number, fn: (seed: number) => tf.Tensor[], options: ParityOptions = {}): Promise<void> {
  const { tol = 1e-5, stockWasm = true } = options;
  // tfjs treats seed 0 as "no seed": the runs would see different numbers.
  if (!(seed >= 1)) throw new Error(`expectParity: seed must be >= 1, got ${seed}`);
  await tf.setBackend('cpu');
  let cpu: Outputs;
  try {
    cpu = run(seed, fn);
  } finally {
    await tf.setBackend('wasm');
  }
  let stock: Outputs | null = null;
  if (stockWasm) {
    uninstallWasmKernels(tf);
    try {
      stock = run(seed, fn);
    } finally {
      installWasmKernels(tf, {});
    }
  }
  const got = run(seed, fn);
  expectClose(got, cpu, 'the cpu backend', tol);
  if (stock) expectClose(got, stock, 'the stock wasm kernels', tol);
}

/** Tensors the wasm backend holds (its data ids), to check a kernel frees its temporaries. */
export function wasmDataIds(): number {
  if (tf.getBackend() !== 'wasm') throw new Error(`wasmDataIds: the current backend is ${tf.getBackend()}, not wasm`);
  return tf.engine().backend.numDataIds();
}
