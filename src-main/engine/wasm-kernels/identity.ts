// Identity, and Cast to the dtype a tensor already has, on wasm without a copy. tfjs's engine clones (runs
// Identity on) every tensor a kernel keeps for its gradient, and Multiply's gradient casts both operands to
// float32; the stock wasm kernels copy the data each time: 7.5% of an LSTM training step went to those
// copies. tfjs tensors are immutable and the wasm backend counts references per data id (its Reshape shares
// data the same way), so the result can share its input's data, as the cpu backend's Identity does.
// Strings and real casts keep the stock kernels.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { replaceKernel, type KernelArgs } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

function shared(args: KernelArgs, x: TensorInfo): TensorInfo {
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function makeIdentity(tf: TF): tfType.KernelConfig {
  return replaceKernel(tf, 'Identity', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { x } = args.inputs as { x: TensorInfo };
    return x.dtype === 'string' ? (stockFn(args) as TensorInfo) : shared(args, x);
  });
}

export function makeCast(tf: TF): tfType.KernelConfig {
  return replaceKernel(tf, 'Cast', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { x } = args.inputs as { x: TensorInfo };
    return x.dtype !== 'string' && x.dtype === args.attrs.dtype ? shared(args, x) : (stockFn(args) as TensorInfo);
  });
}
