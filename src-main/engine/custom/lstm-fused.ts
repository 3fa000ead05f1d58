// LayerLab's fused LSTM sequence: the same maths as tfjs's LSTM layer (sigmoid gates, tanh cell, gate order
// i, f, g, o) in far fewer kernels, for the LSTM class in ./recurrent.ts. tfjs runs about fifteen small ops
// per time step, each paying the tape and tensor bookkeeping, and as many again in the gradient. Here:
//   forward:  X·W + b for all steps in one product; per step h·U and ONE cell kernel (gates, cell, output);
//   backward: per step ONE cell-gradient kernel and dz·Uᵀ; then dW = Xᵀ·dZ, dU = Hᵀ·dZ, db = Σ dZ and
//             dX = dZ·Wᵀ as single products over all steps.
// The whole sequence is one node on the gradient tape (engine.runKernelFunc, what tf.customGrad uses, with
// several outputs). The step kernels are 'LayerLabLstmCell' / 'LayerLabLstmCellGrad' (SIMD on wasm,
// ../wasm-kernels/lstm-cell.ts; JavaScript on cpu, ./lstm-kernels.ts); on a backend without them, or with
// LAYERLAB_FUSED_RNN=off, the layer runs tfjs's generic path.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL } from '../wasm-kernels/lstm-cell';

type Tensor = tfType.Tensor;

export const FUSED_RNN_ENV = 'LAYERLAB_FUSED_RNN';

export interface FusedLstmArgs {
  x: Tensor;
  kernel: Tensor;
  recurrentKernel: Tensor;
  bias: Tensor | null;
  h0: Tensor;
  c0: Tensor;
  goBackwards: boolean;
  returnSequences: boolean;
}

/** Whether the current backend has the fused step kernels (and the fused path is not switched off). */
export function fusedLstmAvailable(tf: TF, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[FUSED_RNN_ENV] === 'off') return false;
  const backend = tf.getBackend();
  return !!tf.getKernel(LSTM_CELL_KERNEL, backend) && !!tf.getKernel(LSTM_CELL_GRAD_KERNEL, backend);
}

interface KernelFuncEngine {
  runKernelFunc(params: {
    forwardFunc: (backend: unknown, save: (tensors: Tensor[]) => void) => Tensor[];
    backwardsFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => Record<string, () => Tensor>;
    inputs: Record<string, Tensor>;
  }): Tensor | Tensor[];
}

/**
 * Runs the LSTM over x [batch, T, dim] from (h0, c0). Returns [sequence [batch, T, u], hT, cT] when
 * returnSequences, else [hT, cT]; the sequence is in processing order (reversed in time with goBackwards, as
 * tfjs and Keras return it).
 */
export function fusedLstm(tf: TF, a: FusedLstmArgs): Tensor[] {
  const [batch, steps, dim] = a.x.shape;
  const units = a.recurrentKernel.shape[0];
  const rows = batch * steps;
  const timeOf = (s: number) => (a.goBackwards ? steps - 1 - s : s);
  const run = <T extends Tensor[]>(name: string, inputs: Record<string, Tensor>, attrs: Record<string, number>) =>
    tf.engine().runKernel(name, inputs as tfType.NamedTensorMap, attrs as unknown as tfType.NamedAttrMap) as unknown as T;
  const inputs: Record<string, Tensor> = { x: a.x, kernel: a.kernel, recurrentKernel: a.recurrentKernel, h0: a.h0, c0: a.c0 };
  if (a.bias) inputs.bias = a.bias;

  const forwardFunc = (_backend: unknown, save: (tensors: Tensor[]) => void): Tensor[] => {
    let xw = tf.matMul(tf.reshape(a.x, [rows, dim]), a.kernel);
    if (a.bias) xw = tf.add(xw, a.bias);
    const xw3 = tf.reshape(xw, [batch, steps, 4 * units]);
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    const acts: Tensor[] = [];
    let h = a.h0;
    let c = a.c0;
    for (let s = 0; s < steps; s++) {
      const hu = tf.matMul(h, a.recurrentKernel);
      const [hn, cn, act] = run<[Tensor, Tensor, Tensor]>(LSTM_CELL_KERNEL, { xw: xw3, hu, cPrev: c }, { t: timeOf(s) });
      h = hn;
      c = cn;
      hs.push(h);
      cs.push(c);
      acts.push(act);
    }
    save([a.x, a.kernel, a.recurrentKernel, a.h0, a.c0, ...hs, ...cs, ...acts]);
    return a.returnSequences ? [tf.stack(hs, 1), h, c] : [h, c];
  };

  const backwardsFunc = (dy: Tensor | Tensor[], saved: Tensor[]): Record<string, () => Tensor> => {
    const dys = Array.isArray(dy) ? dy : [dy];
    const [dSeq, dhT, dcT] = a.returnSequences ? dys : [null, ...dys];
    const [x, kernel, recurrentKernel, h0, c0] = saved;
    const hs = saved.slice(5, 5 + steps);
    const cs = saved.slice(5 + steps, 5 + 2 * steps);
    const acts = saved.slice(5 + 2 * steps);
    const uT = tf.transpose(recurrentKernel);
    const dyAll = dSeq ?? tf.zeros([batch, 1, units]);
    let dh = dhT as Tensor;
    let dc = dcT as Tensor;
    const dzs: Tensor[] = new Array<Tensor>(steps);
    const hPrev: Tensor[] = new Array<Tensor>(steps);
    for (let s = steps - 1; s >= 0; s--) {
      const [dz, dcPrev] = run<[Tensor, Tensor]>(
        LSTM_CELL_GRAD_KERNEL,
        { act: acts[s], c: cs[s], cPrev: s > 0 ? cs[s - 1] : c0, dhRec: dh, dy: dyAll, dc },
        { ty: dSeq ? s : 0 },
      );
      dzs[timeOf(s)] = dz;
      hPrev[timeOf(s)] = s > 0 ? hs[s - 1] : h0;
      dh = tf.matMul(dz, uT);
      dc = dcPrev;
    }
    const dZ = tf.reshape(tf.stack(dzs, 1), [rows, 4 * units]);
    const grads: Record<string, () => Tensor> = {
      x: () => tf.reshape(tf.matMul(dZ, kernel, false, true), [batch, steps, dim]),
      kernel: () => tf.matMul(tf.reshape(x, [rows, dim]), dZ, true, false),
      recurrentKernel: () => tf.matMul(tf.reshape(tf.stack(hPrev, 1), [rows, units]), dZ, true, false),
      h0: () => dh,
      c0: () => dc,
    };
    if (a.bias) grads.bias = () => tf.sum(dZ, 0);
    return grads;
  };

  const out = (tf.engine() as unknown as KernelFuncEngine).runKernelFunc({ forwardFunc, backwardsFunc, inputs });
  return Array.isArray(out) ? out : [out];
}

/** The parts of a tfjs LSTM layer (and its LSTMCell) the fused path reads. */
interface LstmLayerView {
  stateful: boolean;
  goBackwards: boolean;
  returnSequences: boolean;
  returnState: boolean;
  cell: {
    units: number;
    dropout: number;
    recurrentDropout: number;
    activation: { getClassName(): string };
    recurrentActivation: { getClassName(): string };
    kernel: { read(): Tensor };
    recurrentKernel: { read(): Tensor };
    bias: { read(): Tensor } | null;
  };
}

/**
 * The LSTM layer's call on the fused path, or null where it does not apply (then the caller runs tfjs's
 * generic one): masking, dropout or recurrent dropout, activations other than tanh / sigmoid, stateful
 * layers, inputs that are not float32 [batch, T, dim], or a backend without the step kernels.
 */
export function fusedLstmCall(tf: TF, layer: unknown, inputs: Tensor | Tensor[], kwargs: Record<string, unknown> | undefined): Tensor | Tensor[] | null {
  const l = layer as LstmLayerView;
  const cell = l.cell;
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
  const initialState = kwargs?.initialState as Tensor[] | null | undefined;
  if (
    !x ||
    x.rank !== 3 ||
    x.dtype !== 'float32' ||
    kwargs?.mask != null ||
    l.stateful ||
    cell.dropout > 0 ||
    cell.recurrentDropout > 0 ||
    cell.activation.getClassName() !== 'tanh' ||
    cell.recurrentActivation.getClassName() !== 'sigmoid' ||
    (initialState != null && initialState.length !== 2) ||
    !fusedLstmAvailable(tf)
  ) {
    return null;
  }
  return tf.tidy(() => {
    const batch = x.shape[0];
    const [h0, c0] = initialState ?? [tf.zeros([batch, cell.units]), tf.zeros([batch, cell.units])];
    const outs = fusedLstm(tf, {
      x,
      kernel: cell.kernel.read(),
      recurrentKernel: cell.recurrentKernel.read(),
      bias: cell.bias ? cell.bias.read() : null,
      h0,
      c0,
      goBackwards: l.goBackwards,
      returnSequences: l.returnSequences,
    });
    const [hT, cT] = outs.slice(-2);
    const output = l.returnSequences ? outs[0] : hT;
    return l.returnState ? [output, hT, cT] : output;
  });
}
