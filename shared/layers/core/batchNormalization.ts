// BatchNormalization over the last axis (channels / features).
import { defineLayer } from '../types';
import { IN, OUT, knownLastDim, singleInput } from './common';

export type BatchNormalizationParams = { momentum: number; epsilon: number };

export const batchNormalizationLayer = defineLayer<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  label: 'Batch normalization',
  category: 'Normalization',
  summary: 'Normalise each feature over the batch',
  help: {
    formula: 'y = gamma * (x - mean_batch) / sqrt(var_batch + epsilon) + beta (moving averages at inference)',
    paramFormula: '4 * C  (gamma, beta trainable; moving mean and variance non-trainable), C = last axis',
    details:
      'Keeps each feature (last axis) near mean 0 and variance 1 using statistics of the current batch ' +
      'while training and running averages (updated with `momentum`) when predicting. It often lets you ' +
      'train faster with higher learning rates. Place it between a layer and its activation.',
  },
  params: {
    momentum: { type: 'float', label: 'Momentum', default: 0.99, min: 0, max: 1, help: 'How slowly the running mean/variance follow each batch.' },
    epsilon: { type: 'float', label: 'Epsilon', default: 0.001, min: 1e-8, max: 1, log: true, help: 'Added to the variance to avoid dividing by zero.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    const shape = singleInput(inputs, 'BatchNormalization');
    const c = knownLastDim(shape, 'BatchNormalization');
    return {
      outputs: [[...shape]],
      params: 4 * c,
      notes: [`${2 * c} trainable (gamma, beta) + ${2 * c} non-trainable (moving mean, variance)`],
    };
  },
});
