// The fused LSTM's step kernels on the cpu backend, in plain JavaScript (./lstm-cell-math.ts); the wasm
// versions (SIMD) and the kernel contract are in ../wasm-kernels/lstm-cell.ts.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL, lstmStepDims } from '../wasm-kernels/lstm-cell';
import { lstmCellBackward, lstmCellForward } from './lstm-cell-math';

type TensorInfo = tfType.TensorInfo;
interface CpuBackend {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}
type CpuArgs = { inputs: Record<string, TensorInfo>; backend: CpuBackend; attrs: Record<string, unknown> };

function cellForward({ inputs, backend, attrs }: CpuArgs): TensorInfo[] {
  const { batch, units } = lstmStepDims(LSTM_CELL_KERNEL, inputs, { xw: 4, hu: 4 });
  const v = (name: string) => backend.data.get(inputs[name].dataId).values;
  const h = new Float32Array(batch * units);
  const c = new Float32Array(batch * units);
  const act = new Float32Array(batch * 4 * units);
  lstmCellForward({ xw: v('xw'), t: attrs.t as number, steps: inputs.xw.shape[1], hu: v('hu'), cPrev: v('cPrev'), h, c, act, batch, units });
  return [backend.makeTensorInfo([batch, units], 'float32', h), backend.makeTensorInfo([batch, units], 'float32', c), backend.makeTensorInfo([batch, 4 * units], 'float32', act)];
}

function cellBackward({ inputs, backend, attrs }: CpuArgs): TensorInfo[] {
  const { batch, units } = lstmStepDims(LSTM_CELL_GRAD_KERNEL, inputs, { act: 4 });
  const v = (name: string) => backend.data.get(inputs[name].dataId).values;
  const dz = new Float32Array(batch * 4 * units);
  const dcPrev = new Float32Array(batch * units);
  lstmCellBackward({
    act: v('act'),
    c: v('c'),
    cPrev: v('cPrev'),
    dhRec: v('dhRec'),
    dy: v('dy'),
    ty: attrs.ty as number,
    dySteps: inputs.dy.shape[1],
    dc: v('dc'),
    dz,
    dcPrev,
    batch,
    units,
  });
  return [backend.makeTensorInfo([batch, 4 * units], 'float32', dz), backend.makeTensorInfo([batch, units], 'float32', dcPrev)];
}

/** Registers the two step kernels on the cpu backend (idempotent). */
export function registerLstmCpuKernels(tf: TF): void {
  for (const [kernelName, fn] of [
    [LSTM_CELL_KERNEL, cellForward],
    [LSTM_CELL_GRAD_KERNEL, cellBackward],
  ] as const) {
    if (!tf.getKernel(kernelName, 'cpu')) tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: fn as unknown as tfType.KernelFunc });
  }
}
