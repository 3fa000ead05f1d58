// Bidirectional: one recurrent layer reads forwards, a copy reads backwards, their outputs merge.
import { defineLayer } from '../types';
import { OUT, singleInput } from '../core/common';
import { SEQ_IN, knownChannels, needSequenceError, requireInt } from '../conv/common';
import { rnnParamCount, type RnnKind } from './rnn-common';

export type BidirectionalParams = {
  cell: RnnKind;
  units: number;
  mergeMode: 'concat' | 'sum' | 'ave' | 'mul';
  returnSequences: boolean;
};

export const bidirectionalLayer = defineLayer<BidirectionalParams>({
  kind: 'Bidirectional',
  label: 'Bidirectional',
  category: 'Recurrent',
  summary: 'Read the sequence both ways and merge',
  help: {
    formula: 'y_t = merge(forward_t, backward_t), forward = RNN(x_1..x_T), backward = RNN(x_T..x_1)',
    paramFormula: '2 * (parameters of the wrapped LSTM / GRU / SimpleRNN)',
    details:
      'Runs two independent recurrent layers, one from the first step and one from the last, so every ' +
      "output knows the past and the future (tagging, sentiment). 'concat' doubles the feature size; sum, " +
      'ave and mul keep it at units. Not for generation: the backward pass sees the future.',
  },
  params: {
    cell: { type: 'enum', label: 'Cell', options: ['LSTM', 'GRU', 'SimpleRNN'], default: 'LSTM', help: 'The recurrent layer run in each direction.' },
    units: { type: 'int', label: 'Units', default: 64, min: 1, max: 8192, help: 'Units of each direction.' },
    mergeMode: {
      type: 'enum',
      label: 'Merge',
      options: ['concat', 'sum', 'ave', 'mul'],
      default: 'concat',
      help: "How the two directions combine: 'concat' gives 2 * units features, the others units.",
    },
    returnSequences: {
      type: 'bool',
      label: 'Return sequences',
      default: false,
      help: 'On: one merged output per step [time, features]; off: only the final ones [features].',
    },
  },
  inputs: [SEQ_IN],
  outputs: (p) => [{ ...OUT, kind: p.returnSequences ? 'sequence' : 'tensor' }],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Bidirectional');
    if (shape.length !== 2) throw needSequenceError(shape, 'Bidirectional');
    requireInt(p.units, 'units', 'Bidirectional');
    const features = knownChannels(shape, 'Bidirectional');
    const width = p.mergeMode === 'concat' ? 2 * p.units : p.units;
    return {
      outputs: [p.returnSequences ? [shape[0], width] : [width]],
      params: 2 * rnnParamCount(p.cell, features, p.units),
    };
  },
});
