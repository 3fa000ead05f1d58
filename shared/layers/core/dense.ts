// Dense: fully connected layer applied to the last axis (as Keras and tfjs do).
import { defineLayer, formatShape } from '../types';
import { ACTIVATIONS, IN, OUT, knownLastDim, singleInput, type ActivationName } from './common';
import { messageNotes, type LayerMessage } from '../messages';

export type DenseParams = { units: number; activation: ActivationName; useBias: boolean };

export const denseLayer = defineLayer<DenseParams>({
  kind: 'Dense',
  label: 'Dense',
  category: 'Core',
  summary: 'Fully connected: every input feeds every unit',
  help: {
    formula: 'y = f(W x + b)',
    paramFormula: 'units * (inputs + 1)   (units * inputs without bias)',
    details:
      'Each of the `units` outputs is a weighted sum of all inputs plus a bias, passed through the ' +
      'activation f. relu is the usual choice for hidden layers; softmax on the last layer turns scores ' +
      'into class probabilities. On a tensor with several axes it works on the last axis only, at every ' +
      'position (like Keras); add Flatten first to connect all values.',
  },
  params: {
    units: { type: 'int', label: 'Units', default: 64, min: 1, max: 1_000_000, help: 'Number of outputs (neurons).' },
    activation: {
      type: 'enum',
      label: 'Activation',
      options: ACTIVATIONS,
      default: 'relu',
      help: 'f in y = f(Wx + b): relu for hidden layers, softmax for class probabilities, linear for regression.',
    },
    useBias: { type: 'bool', label: 'Use bias', default: true, help: 'Add a learned bias b to each unit.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Dense');
    const n = knownLastDim(shape, 'Dense');
    const notes: LayerMessage[] = [];
    if (shape.length > 1) notes.push({ id: 'noteDenseLastAxis', values: { size: n, positions: formatShape(shape.slice(0, -1)) } });
    return {
      outputs: [[...shape.slice(0, -1), p.units]],
      params: p.units * n + (p.useBias ? p.units : 0),
      ...messageNotes(notes),
    };
  },
});
