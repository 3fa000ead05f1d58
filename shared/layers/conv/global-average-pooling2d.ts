// GlobalAveragePooling2D: average over height and width, one value per channel.
import { defineLayer } from '../types';
import { IN, OUT, singleInput } from '../core/common';
import { needImageError } from './common';

export type GlobalAveragePooling2DParams = Record<string, never>;

export const globalAveragePooling2dLayer = defineLayer<GlobalAveragePooling2DParams>({
  kind: 'GlobalAveragePooling2D',
  label: 'GlobalAveragePooling2D',
  category: 'Pooling',
  summary: 'Average each channel over the whole image',
  help: {
    formula: 'y[c] = (1 / (H * W)) * sum over i, j of x[i, j, c]',
    paramFormula: '0 (no weights)',
    details:
      'Turns feature maps [height, width, channels] into one vector [channels]. Used instead of Flatten at ' +
      'the end of modern convnets: far fewer weights in the following Dense layer and any image size works.',
  },
  params: {},
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    const shape = singleInput(inputs, 'GlobalAveragePooling2D');
    if (shape.length !== 3) throw needImageError(shape, 'GlobalAveragePooling2D');
    return { outputs: [[shape[2]]], params: 0 };
  },
});
