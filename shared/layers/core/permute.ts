// Permute: reorders the axes of each sample (1-based, batch axis excluded, like Keras).
import { ShapeError, defineLayer, formatShape } from '../types';
import { IN, OUT, singleInput } from './common';
import { messageFix } from '../messages';

export type PermuteParams = { dims: number[] };

export const permuteLayer = defineLayer<PermuteParams>({
  kind: 'Permute',
  label: 'Permute',
  category: 'Core',
  summary: 'Reorder axes, e.g. [time, features] -> [features, time]',
  help: {
    formula: 'y[i_dims[1], ..., i_dims[n]] = x[i_1, ..., i_n];  output axis k = input axis dims[k]',
    paramFormula: '0',
    details:
      'Swaps axes of each sample. `dims` lists, for each output axis, which input axis it takes, counting ' +
      'from 1 and ignoring the batch axis (as in Keras): [2, 1] transposes a [28, 10] matrix into [10, 28].',
  },
  params: {
    dims: {
      type: 'shape',
      label: 'Axis order',
      default: [2, 1],
      minLength: 1,
      maxLength: 5,
      help: 'A permutation of 1..n, e.g. "2, 1" to swap two axes.',
    },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Permute');
    const rank = shape.length;
    const swapLastTwo = rank >= 2 ? [...Array.from({ length: rank - 2 }, (_, i) => i + 1), rank, rank - 1] : [1];
    const fixes = [messageFix('fixUseShape', { shape: formatShape(swapLastTwo) }, { type: 'setParam', param: 'dims', value: swapLastTwo })];
    if (p.dims.length !== rank) {
      throw ShapeError.of('permuteAxisCount', { dims: formatShape(p.dims), listed: p.dims.length, shape: formatShape(shape), rank }, fixes);
    }
    const sorted = [...p.dims].sort((a, b) => a - b);
    if (sorted.some((d, i) => d !== i + 1)) {
      throw ShapeError.of('permuteEachOnce', { dims: formatShape(p.dims), rank }, fixes);
    }
    return { outputs: [p.dims.map((d) => shape[d - 1])], params: 0 };
  },
});
