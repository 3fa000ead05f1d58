// 'LayerLabLstmCell' and 'LayerLabLstmCellGrad' on wasm: one time step of LayerLab's fused LSTM
// (../custom/lstm-fused.ts) in one SIMD pass each (simd/lstm.ts). Kernel contract (also the cpu versions in
// ../custom/lstm-kernels.ts), gate order i, f, g, o, all float32:
//   LayerLabLstmCell     {xw [b, T, 4u], hu [b, 4u], cPrev [b, u]}, attrs {t}  -> [h [b, u], c [b, u], act [b, 4u]]
//   LayerLabLstmCellGrad {act, c, cPrev, dhRec [b, u], dy [b, Ty, u], dc [b, u]}, attrs {ty} -> [dz [b, 4u], dcPrev [b, u]]
import type * as tfType from '@tensorflow/tfjs';
import { simdKernels } from './simd/kernels';
import { heapOffset, type KernelArgs } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

export const LSTM_CELL_KERNEL = 'LayerLabLstmCell';
export const LSTM_CELL_GRAD_KERNEL = 'LayerLabLstmCellGrad';

/** Batch and units of a step, checked: every input float32 and shaped as the contract says. */
export function lstmStepDims(kernel: string, inputs: Record<string, TensorInfo>, rowsOf: Record<string, number>): { batch: number; units: number } {
  const ref = inputs.cPrev;
  const [batch, units] = ref.shape;
  for (const [name, t] of Object.entries(inputs)) {
    const width = rowsOf[name] ?? 1;
    const last = t.shape[t.shape.length - 1];
    if (t.dtype !== 'float32' || t.shape[0] !== batch || last !== width * units) {
      throw new Error(`${kernel}: ${name} must be float32 [${batch}, ..., ${width * units}], got ${t.dtype} [${t.shape.join(', ')}]`);
    }
  }
  return { batch, units };
}

export function makeLstmCell(): tfType.KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): TensorInfo[] => {
    const { xw, hu, cPrev } = inputs;
    const { batch, units } = lstmStepDims(LSTM_CELL_KERNEL, inputs, { xw: 4, hu: 4 });
    const t = attrs.t as number;
    const steps = xw.shape[1];
    const h = backend.makeOutput([batch, units], 'float32');
    const c = backend.makeOutput([batch, units], 'float32');
    const act = backend.makeOutput([batch, 4 * units], 'float32');
    const at = (x: TensorInfo) => heapOffset(backend, x);
    simdKernels(backend.wasm.asm.memory).lstmCell(at(xw) + t * 16 * units, at(hu), at(cPrev), at(h), at(c), at(act), batch, units, steps * 16 * units);
    return [h, c, act];
  };
  return { kernelName: LSTM_CELL_KERNEL, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tfType.KernelFunc };
}

export function makeLstmCellGrad(): tfType.KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): TensorInfo[] => {
    const { act, c, cPrev, dhRec, dy, dc } = inputs;
    const { batch, units } = lstmStepDims(LSTM_CELL_GRAD_KERNEL, inputs, { act: 4 });
    const ty = attrs.ty as number;
    const dz = backend.makeOutput([batch, 4 * units], 'float32');
    const dcPrev = backend.makeOutput([batch, units], 'float32');
    const at = (x: TensorInfo) => heapOffset(backend, x);
    simdKernels(backend.wasm.asm.memory).lstmCellGrad(
      at(act),
      at(c),
      at(cPrev),
      at(dhRec),
      at(dy) + ty * 4 * units,
      at(dc),
      at(dz),
      at(dcPrev),
      batch,
      units,
      dy.shape[1] * 4 * units,
    );
    return [dz, dcPrev];
  };
  return { kernelName: LSTM_CELL_GRAD_KERNEL, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tfType.KernelFunc };
}
