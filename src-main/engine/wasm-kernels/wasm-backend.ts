// The parts of tfjs-backend-wasm's backend object and stock kernels that LayerLab's replacement kernels use.
// Replacements call the stock kernels' functions directly (as tfjs's own kernels call each other), so the
// work stays inside the wasm module; every temporary they make is freed before they return.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';

type TensorInfo = tfType.TensorInfo;

export interface WasmBackend {
  makeOutput(shape: number[], dtype: tfType.DataType, memoryOffset?: number): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  wasm: { asm: { memory: WebAssembly.Memory } };
}

/** Where `t`'s data starts on the wasm heap (a byte offset: stays valid when the heap grows). */
export function heapOffset(backend: WasmBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error('wasm kernel: a tensor that is not on the wasm backend');
  return data.memoryOffset;
}

export type KernelArgs = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: Record<string, unknown> };
export type StockKernel = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** The kernel function registered for `name` on wasm (the stock one, before LayerLab replaces it). */
export function stockKernel(tf: TF, name: string): tfType.KernelConfig {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`tfjs-backend-wasm has no ${name} kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
  return config;
}

/**
 * A replacement for the stock wasm kernel `name`: `make` receives the stock kernel function (for the cases
 * the replacement leaves to it) and returns the new one. The stock set-up runs when the backend starts.
 */
export function replaceKernel(
  tf: TF,
  name: string,
  make: (stock: StockKernel) => (args: KernelArgs) => TensorInfo,
): tfType.KernelConfig {
  const config = stockKernel(tf, name);
  const kernelFunc = make(config.kernelFunc as unknown as StockKernel);
  return { kernelName: name, backendName: 'wasm', setupFunc: config.setupFunc, kernelFunc: kernelFunc as unknown as tfType.KernelFunc };
}

/** A view of `t` with another shape (same data, no copy): what the stock kernels read is dataId + shape. */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Tracks the temporaries a replacement kernel makes and frees them all at the end, so the wasm heap (and
 * XNNPACK operators cached on a temporary's id) does not grow with every training step.
 */
export class Temporaries {
  private readonly made: TensorInfo[] = [];
  constructor(private readonly backend: WasmBackend) {}

  keep<T extends TensorInfo>(t: T): T {
    this.made.push(t);
    return t;
  }

  dispose(): void {
    for (const t of this.made) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}
