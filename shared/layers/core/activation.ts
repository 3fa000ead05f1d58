// Activation: applies a function to every value on its own.
import { defineLayer } from '../types';
import { ACTIVATIONS, IN, OUT, singleInput, type ActivationName } from './common';

export type ActivationParams = { activation: ActivationName };

export const activationLayer = defineLayer<ActivationParams>({
  kind: 'Activation',
  label: 'Activation',
  category: 'Core',
  summary: 'Apply relu, sigmoid, softmax, ... on its own',
  help: {
    formula: 'y = f(x), element-wise (softmax: over the last axis)',
    paramFormula: '0',
    details:
      'Applies the chosen function to every value. Useful after a layer with a linear activation, e.g. ' +
      'Dense(linear) -> BatchNormalization -> Activation(relu). softmax normalises over the last axis.',
  },
  params: {
    activation: { type: 'enum', label: 'Activation', options: ACTIVATIONS, default: 'relu', help: 'The function f applied to each value.' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    return { outputs: [[...singleInput(inputs, 'Activation')]], params: 0 };
  },
});
