// LayerNormalization over the last axis of each sample (as in Transformers).
import { defineLayer } from '../types';
import { IN, OUT, knownLastDim, singleInput } from './common';

export type LayerNormalizationParams = { epsilon: number };

export const layerNormalizationLayer = defineLayer<LayerNormalizationParams>({
  kind: 'LayerNormalization',
  label: 'Layer normalization',
  category: 'Normalization',
  summary: 'Normalise each sample over its features',
  help: {
    formula: 'y = gamma * (x - mean(x)) / sqrt(var(x) + epsilon) + beta, statistics over the last axis',
    paramFormula: '2 * C  (gamma and beta), C = last axis',
    details:
      'Normalises the features of each position of each sample on their own, so it does not depend on ' +
      'the batch. Transformers use it around every attention and feed-forward block.',
  },
  params: {
    epsilon: { type: 'float', label: 'Epsilon', default: 0.001, min: 1e-8, max: 1, log: true, help: 'Added to the variance to avoid dividing by zero.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    const shape = singleInput(inputs, 'LayerNormalization');
    const c = knownLastDim(shape, 'LayerNormalization');
    return { outputs: [[...shape]], params: 2 * c };
  },
});
