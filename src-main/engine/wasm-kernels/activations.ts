// Tanh and the Tanh / Sigmoid gradients on wasm, for recurrent layers (an LSTM step runs 3 sigmoids and 2
// tanhs per time step, and their gradients). The stock Tanh calls the C library's scalar tanh per element
// (~4x its XNNPACK Sigmoid); LayerLab's runs TensorFlow's float32 rational tanh on SIMD (simd/elementwise.ts).
// tfjs builds each activation gradient from three kernels and a scalar; the two added kernels below do it
// in one pass with the same float32 operations, used by the gradients in ../custom/activation-gradients.ts.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { simdKernels } from './simd/kernels';
import { heapOffset, replaceKernel, sizeOf, type KernelArgs, type WasmBackend } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

export const TANH_GRAD_KERNEL = 'LayerLabTanhGrad';
export const SIGMOID_GRAD_KERNEL = 'LayerLabSigmoidGrad';

export function makeTanh(tf: TF): tfType.KernelConfig {
  return replaceKernel(tf, 'Tanh', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype !== 'float32') return stockFn(args) as TensorInfo;
    const { backend } = args;
    const out = backend.makeOutput(x.shape, 'float32');
    simdKernels(backend.wasm.asm.memory).tanh(heapOffset(backend, x), heapOffset(backend, out), sizeOf(x.shape));
    return out;
  });
}

/** A kernel (y, dy) -> dx of one SIMD pass; y and dy float32 of one shape. */
function activationGrad(name: string, pass: 'tanhGrad' | 'sigmoidGrad'): () => tfType.KernelConfig {
  return () => {
    const kernelFunc = ({ inputs, backend }: { inputs: Record<string, TensorInfo>; backend: WasmBackend }): TensorInfo => {
      const { y, dy } = inputs;
      if (y.dtype !== 'float32' || dy.dtype !== 'float32' || sizeOf(y.shape) !== sizeOf(dy.shape)) {
        throw new Error(`${name}: y and dy must be float32 of one shape, got ${y.dtype} [${y.shape.join(', ')}] and ${dy.dtype} [${dy.shape.join(', ')}]`);
      }
      const out = backend.makeOutput(dy.shape, 'float32');
      simdKernels(backend.wasm.asm.memory)[pass](heapOffset(backend, y), heapOffset(backend, dy), heapOffset(backend, out), sizeOf(dy.shape));
      return out;
    };
    return { kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tfType.KernelFunc };
  };
}

export const makeTanhGrad = activationGrad(TANH_GRAD_KERNEL, 'tanhGrad');
export const makeSigmoidGrad = activationGrad(SIGMOID_GRAD_KERNEL, 'sigmoidGrad');
