// Weight layout conversions from ONNX (PyTorch's layouts) to the tfjs layers LayerLab builds.
import { transpose } from '../../export/pytorch/weights';

export interface WeightArray {
  data: Float32Array;
  shape: number[];
}

/** Weights of one LayerLab node, keyed by the tfjs weight name under the layer ('kernel', 'block0/ff1/bias', ...). */
export type NodeWeights = Record<string, WeightArray>;

export const arr = (data: Float32Array, shape: number[]): WeightArray => ({ data, shape });

export function permuted(w: WeightArray, perm: number[]): WeightArray {
  return transpose(w.data, w.shape, perm);
}

/** Columns [from, to) of a row-major [rows, cols] matrix. */
export function columns(w: WeightArray, from: number, to: number): WeightArray {
  const [rows, cols] = w.shape;
  const out = new Float32Array(rows * (to - from));
  for (let r = 0; r < rows; r++) out.set(w.data.subarray(r * cols + from, r * cols + to), r * (to - from));
  return arr(out, [rows, to - from]);
}

/**
 * A Dense kernel [in, out] whose rows follow PyTorch's flatten of a channels-first [C, ...spatial] tensor, reordered
 * for tfjs, which flattens the channels-last [...spatial, C] tensor: row (s, c) of tfjs is row (c, s) of PyTorch.
 */
export function rowsFromChannelsFirst(kernel: WeightArray, channelsLast: number[]): WeightArray {
  const channels = channelsLast[channelsLast.length - 1];
  const spatial = channelsLast.slice(0, -1).reduce((a, b) => a * b, 1);
  if (spatial === 1) return kernel;
  const [rows, cols] = kernel.shape;
  const out = new Float32Array(rows * cols);
  for (let s = 0; s < spatial; s++) {
    for (let c = 0; c < channels; c++) {
      const from = (c * spatial + s) * cols;
      out.set(kernel.data.subarray(from, from + cols), (s * channels + c) * cols);
    }
  }
  return arr(out, [rows, cols]);
}

/**
 * An ONNX recurrent weight [1, gates*H, X] -> the tfjs kernel [X, gates*H] with the gate blocks reordered:
 * tfjs gate g is ONNX gate order[g] (LSTM: ONNX i,o,f,c -> Keras i,f,c,o is [0, 2, 3, 1]).
 */
export function recurrentKernel(w: WeightArray, hidden: number, order: number[]): WeightArray {
  const x = w.shape[2];
  const out = new Float32Array(x * order.length * hidden);
  const width = order.length * hidden;
  order.forEach((src, g) => {
    for (let j = 0; j < hidden; j++) {
      const row = (src * hidden + j) * x;
      for (let i = 0; i < x; i++) out[i * width + g * hidden + j] = w.data[row + i];
    }
  });
  return arr(out, [x, width]);
}

/** ONNX's B [1, 2*gates*H] (input and recurrent biases) -> one tfjs bias: their sum, gates reordered. */
export function recurrentBias(b: WeightArray | null, hidden: number, order: number[]): WeightArray {
  const gates = order.length;
  const out = new Float32Array(gates * hidden);
  if (b) {
    order.forEach((src, g) => {
      for (let j = 0; j < hidden; j++) out[g * hidden + j] = b.data[src * hidden + j] + b.data[(gates + src) * hidden + j];
    });
  }
  return arr(out, [gates * hidden]);
}
