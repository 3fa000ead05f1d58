// Conv2D: a bank of learned filters slid over an image.
import { defineLayer } from '../types';
import { ACTIVATIONS, OUT, IN, singleInput, type ActivationName } from '../core/common';
import {
  checkStrideDilation,
  dilatedSpan,
  knownChannels,
  needImageError,
  requireInt,
  windowOutputLength,
} from './common';
import { messageNotes } from '../messages';

export type Conv2DParams = {
  filters: number;
  kernelSize: number;
  strides: number;
  padding: 'same' | 'valid';
  dilationRate: number;
  activation: ActivationName;
};

export const conv2dLayer = defineLayer<Conv2DParams>({
  kind: 'Conv2D',
  label: 'Conv2D',
  category: 'Convolution',
  summary: 'Learned k x k filters slid over an image',
  help: {
    formula: 'y[i, j, m] = act( b[m] + sum over u, v, c of W[u, v, c, m] * x[i*s + u*d, j*s + v*d, c] )   (m = filter, act = the Activation, s = strides, d = dilation)',
    paramFormula: 'filters * (kernelSize * kernelSize * channels + 1)',
    details:
      'Each filter is a small k x k x channels window of weights that is slid over the image; where the ' +
      'window matches, the output is large. The output has one channel per filter. Strides > 1 skip ' +
      "positions and shrink the image; 'same' padding keeps the size (before striding), 'valid' only uses " +
      'full windows. Dilation spreads the taps apart to see further with the same number of weights.',
  },
  params: {
    filters: { type: 'int', label: 'Filters', default: 32, min: 1, max: 4096, help: 'Number of filters = output channels.' },
    kernelSize: { type: 'int', label: 'Kernel size', default: 3, min: 1, max: 31, help: 'Side k of each square k x k filter.' },
    strides: { type: 'int', label: 'Strides', default: 1, min: 1, max: 16, help: 'Step between window positions; 2 halves height and width.' },
    padding: {
      type: 'enum',
      label: 'Padding',
      options: ['same', 'valid'],
      default: 'same',
      help: "'same' pads with zeros so the output keeps the input size (divided by strides); 'valid' uses only full windows.",
    },
    dilationRate: {
      type: 'int',
      label: 'Dilation',
      default: 1,
      min: 1,
      max: 64,
      help: 'Spacing d between filter taps: the window spans (k - 1) * d + 1 pixels. Needs strides 1 when above 1.',
    },
    activation: { type: 'enum', label: 'Activation', options: ACTIVATIONS, default: 'relu', help: 'Applied to every output value; relu is usual.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Conv2D');
    if (shape.length !== 3) throw needImageError(shape, 'Conv2D');
    requireInt(p.filters, 'filters', 'Conv2D');
    requireInt(p.kernelSize, 'kernelSize', 'Conv2D');
    requireInt(p.strides, 'strides', 'Conv2D');
    requireInt(p.dilationRate, 'dilationRate', 'Conv2D');
    checkStrideDilation(p.strides, p.dilationRate, 'Conv2D');
    const channels = knownChannels(shape, 'Conv2D');
    const span = dilatedSpan(p.kernelSize, p.dilationRate);
    const h = windowOutputLength(shape[0], span, p.strides, p.padding, 'Conv2D', 'height');
    const w = windowOutputLength(shape[1], span, p.strides, p.padding, 'Conv2D', 'width');
    const notes =
      p.dilationRate > 1
        ? [{ id: 'noteDilatedPatch' as const, values: { span, kernel: p.kernelSize, dilation: p.dilationRate, taps: p.kernelSize * p.kernelSize } }]
        : [];
    return {
      outputs: [[h, w, p.filters]],
      params: p.filters * (p.kernelSize * p.kernelSize * channels + 1),
      ...messageNotes(notes),
    };
  },
});
