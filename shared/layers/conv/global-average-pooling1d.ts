// GlobalAveragePooling1D: average over time, one value per feature.
import { defineLayer } from '../types';
import { OUT, singleInput } from '../core/common';
import { SEQ_IN, needSequenceError } from './common';

export type GlobalAveragePooling1DParams = Record<string, never>;

export const globalAveragePooling1dLayer = defineLayer<GlobalAveragePooling1DParams>({
  kind: 'GlobalAveragePooling1D',
  label: 'GlobalAveragePooling1D',
  category: 'Pooling',
  summary: 'Average over all time steps',
  help: {
    formula: 'y[c] = (1 / T) * sum over t of x[t, c]',
    paramFormula: '0 (no weights)',
    details:
      'Turns a sequence [time, features] into one vector [features] by averaging over time. A simple way ' +
      'to go from a sequence model (Conv1D, Embedding, attention) to a classifier head, for any sequence length.',
  },
  params: {},
  inputs: [SEQ_IN],
  outputs: [OUT],
  infer(inputs) {
    const shape = singleInput(inputs, 'GlobalAveragePooling1D');
    if (shape.length !== 2) throw needSequenceError(shape, 'GlobalAveragePooling1D');
    return { outputs: [[shape[1]]], params: 0 };
  },
});
