// The course's first model: a 784-1024-512-512-10 multilayer perceptron on MNIST vectors.
import { chainGraph } from './build';

export const mlpMnist = chainGraph({
  name: 'MLP on MNIST',
  description:
    'A multilayer perceptron: each 28x28 digit as a vector of 784 pixels, three hidden Dense layers with relu ' +
    '(1024, 512, 512 units) and a 10-way softmax. 1,596,426 parameters.',
  steps: [
    { id: 'input', kind: 'Input', params: { feature: 'x', shape: [784] } },
    { id: 'dense_1', kind: 'Dense', params: { units: 1024, activation: 'relu' } },
    { id: 'dense_2', kind: 'Dense', params: { units: 512, activation: 'relu' } },
    { id: 'dense_3', kind: 'Dense', params: { units: 512, activation: 'relu' } },
    { id: 'dense_4', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
    { id: 'output', kind: 'Output', params: { target: 'y' } },
  ],
});
