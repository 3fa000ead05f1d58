// BatchMatMul on wasm without the slow path. tfjs-backend-wasm 4.22 hands a product to XNNPACK only when
// neither operand is transposed and both have batch 1; anything else runs a plain triple loop in C++,
// 10x slower for [128,784]x[784,1024]. Every backward pass asks for transposed products (x^T.dy, dy.W^T),
// so stock training spent ~80% of an MLP step in that loop (../shared/TFJS-NOTES.md).
// This kernel makes the transposes explicit (the wasm Transpose kernel, a memory pass) and folds batches
// into rows where the maths allows it, so XNNPACK does the product:
//   b has batch 1:          A [n, M, K] . B [K, N]           = rows of (A as [n*M, K]) . B (a small B goes
//                           to LayerLab's SIMD kernel, see below, which needs no packing of B)
//   a has batch 1:          A [M, K] . B [n, K, N]           = ((B^T as [n*N, K]) . A^T)^T per batch
//   both batched (attention): many small products, which XNNPACK cannot take in one call: LayerLab's own
//                           SIMD kernel (simd/kernels.ts, on the wasm heap) after explicit transposes;
//                           unequal batch shapes that broadcast ([2,1,..] x [1,3,..]) keep the stock loop.
// Results equal the stock kernel's up to float rounding order (tested against the cpu backend).
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { simdKernels } from './simd/kernels';
import { heapOffset, replaceKernel, sizeOf, stockKernel, Temporaries, view, type KernelArgs, type StockKernel, type WasmBackend } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

/** Largest b (K x N floats, 256 KiB) that the SIMD kernel takes instead of XNNPACK. */
const SMALL_B = 65536;

/**
 * The [K, N] each tensor's data was first given to XNNPACK as b. tfjs-backend-wasm caches the XNNPACK
 * operator (with b packed into it) by b's data id alone: the same data seen again with another [K, N]
 * (a reshaped view) would reuse the wrong operator and read out of bounds ("memory access out of
 * bounds", also in stock tfjs). Such a b is copied first, so the copy gets its own id.
 */
const xnnShapes = new WeakMap<object, string>();

/** A copy of `t` under a new data id (LayerLab's Identity shares data, so it cannot make one). */
function copyOf(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const out = backend.makeOutput(t.shape, t.dtype);
  backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(t));
  return out;
}

function broadcastBatch(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function makeBatchMatMul(tf: TF): tfType.KernelConfig {
  const transposeFn = stockKernel(tf, 'Transpose').kernelFunc as unknown as StockKernel;
  return replaceKernel(tf, 'BatchMatMul', (matMul) => (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const transposeA = !!attrs.transposeA;
    const transposeB = !!attrs.transposeB;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
      return matMul(args) as TensorInfo; // the stock kernel's own checks and messages
    }
    const temps = new Temporaries(backend);
    /** `t` with its last two axes swapped, as a new tensor. */
    const transposed = (t: TensorInfo): TensorInfo => {
      const r = t.shape.length;
      const perm = [...Array(r - 2).keys(), r - 1, r - 2];
      return transposeFn({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
    };
    const swapped = (t: TensorInfo): TensorInfo => temps.keep(transposed(t));
    const product = (x: TensorInfo, y: TensorInfo, tx: boolean, ty: boolean): TensorInfo =>
      matMul({ inputs: { a: x, b: y }, backend, attrs: { transposeA: tx, transposeB: ty } }) as TensorInfo;

    const ra = a.shape.length;
    const rb = b.shape.length;
    const batchShapeA = a.shape.slice(0, -2);
    const batchShapeB = b.shape.slice(0, -2);
    const batchA = sizeOf(batchShapeA);
    const batchB = sizeOf(batchShapeB);
    const [m, k] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
    const [kb, n] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
    if (k !== kb) return matMul(args) as TensorInfo; // let the stock kernel report the mismatch
    const outShape = [...broadcastBatch(batchShapeA, batchShapeB), m, n];

    /** LayerLab's SIMD kernel: out[p] = a2[p] . b2[p] (untransposed), `batch` products. */
    const simdProduct = (a2: TensorInfo, b2: TensorInfo, batch: number, rows: number): TensorInfo => {
      const out = backend.makeOutput(outShape, 'float32');
      simdKernels(backend.wasm.asm.memory).bmm(heapOffset(backend, a2), heapOffset(backend, b2), heapOffset(backend, out), batch, rows, k, n);
      return out;
    };

    try {
      let out: TensorInfo;
      if (batchB === 1) {
        const a2 = transposeA ? swapped(a) : a;
        const b2 = transposeB ? swapped(b) : b;
        // XNNPACK packs b anew for every new tensor (every gradient): for a b that fits in cache the SIMD
        // kernel, which reads b in place, is faster; for larger ones XNNPACK's blocking wins by far.
        if (k * n <= SMALL_B) out = simdProduct(a2, b2, 1, batchA * m);
        else {
          const seen = xnnShapes.get(b2.dataId);
          const b3 = seen === undefined || seen === `${k}x${n}` ? b2 : temps.keep(copyOf(backend, b2));
          if (b3 === b && seen === undefined) xnnShapes.set(b.dataId, `${k}x${n}`);
          out = product(view(a2, [1, batchA * m, k]), view(b3, [1, k, n]), false, false);
        }
      } else if (batchA === 1) {
        // out[i]^T = B[i]^T . A^T, and all B[i]^T stack into one [n_batches * N, K] matrix.
        const bt = transposeB ? b : swapped(b);
        const at = transposeA ? a : swapped(a);
        const stacked = temps.keep(product(view(bt, [1, batchB * n, k]), view(at, [1, k, m]), false, false));
        out = transposed(view(stacked, [batchB, n, m]));
      } else if (batchA === batchB && sizeOf(outShape) === batchA * m * n) {
        out = simdProduct(transposeA ? swapped(a) : a, transposeB ? swapped(b) : b, batchA, m);
      } else {
        return matMul(args) as TensorInfo;
      }
      return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
    } finally {
      temps.dispose();
    }
  });
}
