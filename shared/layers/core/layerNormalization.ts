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
    formula: 'y = gamma * (x - mean(x)) / sqrt(var(x) + epsilon) + beta, mean and var over the last axis of each sample at each position',
    paramFormula: '2 * C  (gamma and beta), C = last axis',
    details:
      'Normalises the features of each position of each sample on their own: for a sequence [T, d] every time step ' +
      'gets its own mean and variance over its d features. Nothing comes from the other samples, so it works the ' +
      'same with any batch size and computes the same in training and prediction (no moving averages). On an ' +
      'image [H, W, C] this layer normalises over C at each pixel (the last axis, as in Keras), not over the whole ' +
      'H x W x C map. Transformers use it around every attention and feed-forward block.',
    diagram: 'normalization-axes',
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
