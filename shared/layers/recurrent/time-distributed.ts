// TimeDistributed(Dense): the same Dense layer applied at every time step.
import { defineLayer } from '../types';
import { ACTIVATIONS, singleInput, type ActivationName } from '../core/common';
import { SEQ_IN, SEQ_OUT, knownChannels, needSequenceError, requireInt } from '../conv/common';

export type TimeDistributedParams = { units: number; activation: ActivationName };

export const timeDistributedLayer = defineLayer<TimeDistributedParams>({
  kind: 'TimeDistributed',
  label: 'TimeDistributed(Dense)',
  category: 'Recurrent',
  summary: 'One Dense layer shared by every time step',
  help: {
    formula: 'y_t = f(W x_t + b) for every step t (same W and b)',
    paramFormula: 'units * (features + 1)',
    details:
      'Applies one Dense layer to each step of a sequence with shared weights: the usual output head of a ' +
      'many-to-many model (a label or a next-token distribution per step). Use softmax for per-step classes.',
  },
  params: {
    units: { type: 'int', label: 'Units', default: 10, min: 1, max: 1_000_000, help: 'Outputs per time step.' },
    activation: { type: 'enum', label: 'Activation', options: ACTIVATIONS, default: 'softmax', help: 'f applied at each step.' },
  },
  inputs: [SEQ_IN],
  outputs: [SEQ_OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'TimeDistributed');
    if (shape.length < 2) throw needSequenceError(shape, 'TimeDistributed');
    requireInt(p.units, 'units', 'TimeDistributed');
    const features = knownChannels(shape, 'TimeDistributed');
    return { outputs: [[...shape.slice(0, -1), p.units]], params: p.units * (features + 1) };
  },
});
