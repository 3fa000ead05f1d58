// Output: marks a model output; whole-graph inference compares its input with the dataset target.
import { defineLayer } from '../types';
import { IN, singleInput } from './common';

export type OutputParams = { target: string };

export const outputLayer = defineLayer<OutputParams>({
  kind: 'Output',
  label: 'Output',
  category: 'Input / Output',
  summary: 'The model prediction compared with a dataset target',
  help: {
    formula: 'prediction = in; loss(prediction, target)',
    paramFormula: '0',
    details:
      'Marks a model output. Whatever is wired in is the prediction compared with the dataset target ' +
      'named by `target` (usually "y"). For 10-class MNIST with one-hot labels that is a [10] tensor, ' +
      'normally from Dense(10, softmax).',
  },
  params: {
    target: { type: 'string', label: 'Target', default: 'y', help: 'Name of the dataset target this output predicts.' },
  },
  inputs: [IN],
  outputs: [],
  infer(inputs) {
    singleInput(inputs, 'Output');
    return { outputs: [], params: 0 };
  },
});
