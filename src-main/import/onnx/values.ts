// What an ONNX value stands for while the graph is mapped: a LayerLab tensor, integers of torch's shape
// arithmetic, a zero initial state, or a recurrent layer's output still to be unpacked.

/** How a LayerLab tensor [sample dims] sits in ONNX: the same ('plain'), channels-first ('cf': ONNX [C, ...spatial]
 * for LayerLab [...spatial, C]; a pooled [C] is ONNX [C, 1, 1]), or sequence-first ('tbf': ONNX [T, N, F]). */
export type Layout = 'plain' | 'cf' | 'tbf';

export interface TensorVal {
  kind: 'tensor';
  node: string;
  handle: string;
  shape: number[];
  layout: Layout;
  /** Flattened from a channels-first tensor of this LayerLab shape: the next Dense reorders its rows. */
  flatFrom?: number[];
  /** The node's own output, nothing applied yet: an activation or a bias can fold into it. */
  fresh?: boolean;
}
/** Integers of torch's shape arithmetic; null is the batch size. */
export interface ShapeVal { kind: 'shape'; dims: (number | null)[] }
export interface ZerosVal { kind: 'zeros' }
/** Output `part` (Y, Y_h, Y_c) of a recurrent node, read through a Squeeze or Gather of its direction axis. */
export interface RnnVal { kind: 'rnn'; node: string; part: 0 | 1 | 2; steps: number; hidden: number; batchAxis: number; returnSequences: boolean }
export type Val = TensorVal | ShapeVal | ZerosVal | RnnVal;

export const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
export const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
