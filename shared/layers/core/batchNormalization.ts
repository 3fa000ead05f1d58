// BatchNormalization over the last axis (channels / features).
import { defineLayer } from '../types';
import { IN, OUT, knownLastDim, singleInput } from './common';
import { messageNotes } from '../messages';

export type BatchNormalizationParams = { momentum: number; epsilon: number };

export const batchNormalizationLayer = defineLayer<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  label: 'Batch normalization',
  category: 'Normalization',
  summary: 'Normalise each feature over the batch',
  help: {
    formula:
      'y = gamma * (x - mean) / sqrt(var + epsilon) + beta\n' +
      'one mean and variance per channel (last axis)\n' +
      'training: mean, var of the batch over every other axis (batch x H x W for images, batch x time for sequences), then\n' +
      '  moving_mean = momentum * moving_mean + (1 - momentum) * batch_mean\n' +
      '  (the same for moving_var)\n' +
      'predicting: mean = moving_mean, var = moving_var',
    paramFormula: '4 * C  (gamma, beta trainable; moving mean and variance non-trainable), C = last axis',
    details:
      'Normalises each channel on its own: for an image batch [B, H, W, C] the statistics of channel c come from ' +
      'all B x H x W values of that channel. Before gamma and beta the result has mean 0 and variance 1 per channel ' +
      'over the batch; the learned gamma and beta then give it any scale and offset (they can even undo the ' +
      'normalisation). While training, the moving averages follow the batch statistics: with momentum 0.99 they ' +
      'average roughly the last 100 batches. Evaluation, prediction and the exported model use the moving ' +
      'averages, so one sample\'s output does not depend on the rest of its batch. It often allows faster training ' +
      'with higher learning rates. Usual place: after a layer with a linear activation, before the activation. ' +
      'Very small batches (below about 8) give noisy statistics; LayerNormalization does not depend on the batch.',
    diagram: 'normalization-axes',
  },
  params: {
    momentum: { type: 'float', label: 'Momentum', default: 0.99, min: 0, max: 1, help: 'moving = momentum * moving + (1 - momentum) * batch: closer to 1 = slower, smoother moving averages.' },
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
      ...messageNotes([{ id: 'noteBatchNormCounts', values: { half: 2 * c } }]),
    };
  },
});
