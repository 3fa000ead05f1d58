// 'LayerLabAdam' on wasm: one Adam step for one variable in one pass (simd/kernels.ts), for the optimizer
// in ../optimizers.ts. Inputs w, m, v, g (float32, same shape); returns [w', m', v'], bit-for-bit what
// tfjs's AdamOptimizer computes with a dozen separate kernels (each a pass over memory and a new tensor).
import type * as tfType from '@tensorflow/tfjs';
import { simdKernels } from './simd/kernels';
import { heapOffset, sizeOf, type KernelArgs } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

export const ADAM_KERNEL = 'LayerLabAdam';

export interface AdamAttrs {
  beta1: number;
  beta2: number;
  /** 1 - beta1^t and 1 - beta2^t: the bias corrections of this step. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  learningRate: number;
  epsilon: number;
}

export function makeAdamKernel(): tfType.KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): TensorInfo[] => {
    const { w, m, v, g } = inputs as Record<'w' | 'm' | 'v' | 'g', TensorInfo>;
    for (const t of [w, m, v, g]) {
      if (t.dtype !== 'float32' || sizeOf(t.shape) !== sizeOf(w.shape)) throw new Error(`${ADAM_KERNEL}: w, m, v and g must be float32 of one size`);
    }
    const a = attrs as unknown as AdamAttrs;
    const outs = [w, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
    const f = Math.fround;
    simdKernels(backend.wasm.asm.memory).adam(
      ...([w, m, v, g, ...outs].map((t) => heapOffset(backend, t)) as [number, number, number, number, number, number, number]),
      sizeOf(w.shape),
      // The scalars tfjs's float32 tensors would hold (1 - beta1 is computed in double, then stored).
      f(a.beta1),
      f(a.beta2),
      f(1 - a.beta1),
      f(1 - a.beta2),
      f(a.oneMinusAccBeta1),
      f(a.oneMinusAccBeta2),
      f(-a.learningRate),
      f(a.epsilon),
    );
    return outs;
  };
  return { kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tfType.KernelFunc };
}
