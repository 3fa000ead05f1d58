// Test helpers for the wasm kernel replacements: run the same computation on the cpu backend (the reference)
// and on wasm (LayerLab's kernels), and compare every output.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

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

/**
 * Runs `fn` (which makes its own inputs from `seed`, e.g. with seeded tf.randomNormal, so both backends
 * see the same numbers) on cpu and on wasm; expects equal shapes and values within `tol`, relative to
 * the largest magnitude of each output (sums of many products round differently on each backend).
 * Leaves wasm as the current backend.
 */
export async function expectParity(seed: number, fn: (seed: number) => tf.Tensor[], tol = 1e-5): Promise<void> {
  // tfjs treats seed 0 as "no seed": the two backends would see different numbers.
  if (!(seed >= 1)) throw new Error(`expectParity: seed must be >= 1, got ${seed}`);
  await tf.setBackend('cpu');
  let want: Outputs;
  try {
    want = run(seed, fn);
  } finally {
    await tf.setBackend('wasm');
  }
  const got = run(seed, fn);
  expect(got.shapes).toEqual(want.shapes);
  want.values.forEach((w, i) => {
    const g = got.values[i];
    let scale = 1;
    let worst = 0;
    for (let j = 0; j < w.length; j++) {
      scale = Math.max(scale, Math.abs(w[j]));
      worst = Math.max(worst, Math.abs(g[j] - w[j]));
    }
    expect(worst / scale, `output ${i} (shape ${want.shapes[i].join('x')}): largest difference ${worst} of scale ${scale}`).toBeLessThan(tol);
  });
}

/** Tensors the wasm backend holds (its data ids), to check a kernel frees its temporaries. */
export function wasmDataIds(): number {
  if (tf.getBackend() !== 'wasm') throw new Error(`wasmDataIds: the current backend is ${tf.getBackend()}, not wasm`);
  return tf.engine().backend.numDataIds();
}
