// Dropout: zeroes a random fraction of values during training only.
import { defineLayer } from '../types';
import { IN, OUT, singleInput } from './common';

export type DropoutParams = { rate: number };

export const dropoutLayer = defineLayer<DropoutParams>({
  kind: 'Dropout',
  label: 'Dropout',
  category: 'Core',
  summary: 'Randomly zero values while training (regularisation)',
  help: {
    formula: 'training: y = x * m / (1 - rate), m ~ Bernoulli(1 - rate); inference: y = x',
    paramFormula: '0',
    details:
      'Each value is dropped with probability `rate` during training and the rest are scaled up so the ' +
      'expected sum stays the same. It fights overfitting; at prediction time it does nothing. ' +
      '0.2 to 0.5 are common rates.',
  },
  params: {
    rate: { type: 'float', label: 'Rate', default: 0.5, min: 0, max: 0.95, help: 'Fraction of values dropped while training.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    return { outputs: [[...singleInput(inputs, 'Dropout')]], params: 0 };
  },
});
