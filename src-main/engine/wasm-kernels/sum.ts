// Sum over the leading axes on wasm (every bias gradient: dy summed over batch, positions and time).
// The stock wasm kernel first transposes the reduced axes to the end (a full copy) and then sums with a
// stride; that was 8% of a CNN step and 14% of a Transformer step. Summing rows into one accumulator per
// column is a single sequential pass. Accumulates in float64, as the cpu backend does. Other reductions
// (inner axes, non-float32) run the stock kernel.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { replaceKernel, sizeOf, type KernelArgs } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

/** out[c] = sum over r of x[r * cols + c]. */
export function sumRows(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) acc[c] += x[base + c];
  }
  out.set(acc);
}

/** How many leading axes `axis` reduces, or -1 when it is not exactly a leading run of axes. */
export function leadingAxes(axis: number | number[] | null | undefined, rank: number): number {
  if (axis === null || axis === undefined) return -1; // all axes: the stock kernel's one pass is fine
  const list = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((p, q) => p - q);
  if (list.length === 0 || list.length >= rank) return -1;
  return list.every((a, i) => a === i) ? list.length : -1;
}

export function makeSum(tf: TF): tfType.KernelConfig {
  return replaceKernel(tf, 'Sum', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs as { x: TensorInfo };
    const lead = x.dtype === 'float32' ? leadingAxes(attrs.axis as number[], x.shape.length) : -1;
    if (lead < 1) return stockFn(args) as TensorInfo;
    const rows = sizeOf(x.shape.slice(0, lead));
    const kept = x.shape.slice(lead);
    const shape = attrs.keepDims ? [...Array<number>(lead).fill(1), ...kept] : kept;
    const out = backend.makeOutput(shape, 'float32');
    sumRows(backend.typedArrayFromHeap(x) as Float32Array, rows, sizeOf(kept), backend.typedArrayFromHeap(out) as Float32Array);
    return out;
  });
}
