// tfjs recurrent weights -> ONNX RNN / LSTM / GRU inputs. tfjs keeps kernel [F, G*U], recurrent_kernel [U, G*U]
// and one bias [G*U] with the Keras gate order; ONNX wants W [dirs, G*U, F], R [dirs, G*U, U] and
// B [dirs, 2*G*U] (input and recurrent biases) in its own order: LSTM i,f,c,o -> i,o,f,c; GRU z,r,h stays
// (tfjs 4.22's GRU resets before the recurrent product: linear_before_reset = 0); SimpleRNN has one gate.
import type { RnnKind } from '../../../../shared/layers/recurrent/rnn-common';
import type { WeightArray } from '../context';

/** For each ONNX gate position, the Keras gate it takes. */
export const ONNX_GATE_FROM_KERAS: Record<RnnKind, number[]> = {
  SimpleRNN: [0],
  LSTM: [0, 3, 1, 2],
  GRU: [0, 1, 2],
};

/** The ONNX operator for a cell kind. */
export const ONNX_RNN_OP: Record<RnnKind, 'RNN' | 'LSTM' | 'GRU'> = { SimpleRNN: 'RNN', LSTM: 'LSTM', GRU: 'GRU' };

/** LayerLab's recurrent activations with an ONNX RNN activation name (selu and linear have none ORT runs). */
export const ONNX_RNN_ACTIVATION: Record<string, string> = { tanh: 'Tanh', relu: 'Relu', sigmoid: 'Sigmoid', elu: 'Elu', softsign: 'Softsign' };

/** The activations attribute: gates (sigmoid) first, then the cell's activation where ONNX applies it. */
export function rnnActivations(kind: RnnKind, activation: string): string[] {
  const a = ONNX_RNN_ACTIVATION[activation];
  if (kind === 'LSTM') return ['Sigmoid', a, a];
  if (kind === 'GRU') return ['Sigmoid', a];
  return [a];
}

export interface OnnxRnnWeights {
  W: Float32Array;
  R: Float32Array;
  B: Float32Array;
}

/** One direction's W [G*U, F], R [G*U, U] and B [2*G*U] (recurrent bias zero). */
export function convertRnnWeights(kind: RnnKind, kernel: WeightArray, recurrent: WeightArray, bias: WeightArray): OnnxRnnWeights {
  const order = ONNX_GATE_FROM_KERAS[kind];
  const [features, gu] = kernel.shape;
  const units = gu / order.length;
  const W = new Float32Array(gu * features);
  const R = new Float32Array(gu * units);
  const B = new Float32Array(2 * gu);
  order.forEach((from, gate) => {
    for (let u = 0; u < units; u++) {
      const row = gate * units + u;
      const col = from * units + u;
      for (let f = 0; f < features; f++) W[row * features + f] = kernel.data[f * gu + col];
      for (let v = 0; v < units; v++) R[row * units + v] = recurrent.data[v * gu + col];
      B[row] = bias.data[col];
    }
  });
  return { W, R, B };
}

/** Directions stacked on a new first axis. */
export function stackDirections(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
