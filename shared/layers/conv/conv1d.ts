// Conv1D: learned filters slid along a sequence; 'causal' padding makes it WaveNet-style.
import { defineLayer } from '../types';
import { ACTIVATIONS, singleInput, type ActivationName } from '../core/common';
import {
  SEQ_IN,
  SEQ_OUT,
  checkStrideDilation,
  dilatedSpan,
  knownChannels,
  needSequenceError,
  receptiveFieldNote,
  requireInt,
  windowOutputLength,
  type ConvPadding,
} from './common';
import { messageNotes } from '../messages';

export type Conv1DParams = {
  filters: number;
  kernelSize: number;
  strides: number;
  dilationRate: number;
  padding: ConvPadding;
  activation: ActivationName;
};

export const conv1dLayer = defineLayer<Conv1DParams>({
  kind: 'Conv1D',
  label: 'Conv1D',
  category: 'Convolution',
  summary: 'Filters slid along time; causal + dilated = WaveNet',
  help: {
    formula: 'y[t, m] = act( b[m] + sum over u, c of W[u, c, m] * x[t*s + u*d, c] )   (m = filter, act = the Activation; causal: x is left-padded by (k - 1) * d zeros)',
    paramFormula: 'filters * (kernelSize * channels + 1)',
    details:
      'Slides filters of k time steps along a sequence shaped [time, features]. ' +
      "'causal' padding adds (k - 1) * d zeros on the left only, so the output at time t depends on inputs at " +
      't and before, never the future: what an autoregressive generator such as WaveNet needs, and what SNAIL (a ' +
      'meta-learner that reads an episode of examples in order) uses so that no step sees later ones. Dilation d spaces the ' +
      'taps apart; doubling it layer by layer (1, 2, 4, 8) grows the receptive field exponentially.',
  },
  params: {
    filters: { type: 'int', label: 'Filters', default: 32, min: 1, max: 4096, help: 'Number of filters = output features per step.' },
    kernelSize: { type: 'int', label: 'Kernel size', default: 3, min: 1, max: 64, help: 'Number of taps k per filter.' },
    strides: { type: 'int', label: 'Strides', default: 1, min: 1, max: 16, help: 'Step between window positions; 2 halves the length.' },
    dilationRate: {
      type: 'int',
      label: 'Dilation',
      default: 1,
      min: 1,
      max: 512,
      help: 'Spacing d between taps: a filter spans (k - 1) * d + 1 steps. Needs strides 1 when above 1.',
    },
    padding: {
      type: 'enum',
      label: 'Padding',
      options: ['same', 'valid', 'causal'],
      default: 'same',
      help: "'same' keeps the length, 'valid' uses only full windows, 'causal' pads the past only so no output sees the future.",
    },
    activation: { type: 'enum', label: 'Activation', options: ACTIVATIONS, default: 'relu', help: 'Applied to every output value.' },
  },
  inputs: [SEQ_IN],
  outputs: [SEQ_OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Conv1D');
    if (shape.length !== 2) throw needSequenceError(shape, 'Conv1D');
    requireInt(p.filters, 'filters', 'Conv1D');
    requireInt(p.kernelSize, 'kernelSize', 'Conv1D');
    requireInt(p.strides, 'strides', 'Conv1D');
    requireInt(p.dilationRate, 'dilationRate', 'Conv1D');
    checkStrideDilation(p.strides, p.dilationRate, 'Conv1D');
    const channels = knownChannels(shape, 'Conv1D');
    const span = dilatedSpan(p.kernelSize, p.dilationRate);
    const length = windowOutputLength(shape[0], span, p.strides, p.padding, 'Conv1D', 'time');
    const notes =
      p.padding === 'causal' || p.dilationRate > 1 ? [receptiveFieldNote(p.kernelSize, p.dilationRate, p.padding === 'causal')] : [];
    return {
      outputs: [[length, p.filters]],
      params: p.filters * (p.kernelSize * channels + 1),
      ...messageNotes(notes),
    };
  },
});
