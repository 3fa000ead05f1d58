// Built-in example graphs shown in the "New from template" list: one working example per idea the course
// teaches, each with its dataset and training settings, an explanation and what to try next.
import type { GraphFile } from '../graph/types';
import { mlpMnist } from './mlp-mnist';
import { GPT_TEMPLATES, type GptTemplate } from './gpt-configs';
import { cnnCifar } from './cnn-cifar';
import { RNN_COMPARISON, lstmMnistRows, manyToManyTagging, oneToManyDigitNames } from './recurrent';
import { seq2seqDates, seq2seqDatesAttention } from './seq2seq-dates';
import { charGpt, transformerClassifier } from './transformers';
import { wavenet } from './wavenet';
import { snail } from './snail';

export interface Template {
  id: string;
  name: string;
  /** One line: the architecture and its size. */
  description: string;
  /** A short explanation of the idea the template demonstrates. */
  explanation: string;
  /** Experiments to try next, one per entry. */
  tryNext: string[];
  graph: GraphFile;
}

const mlp: Template = {
  id: 'mlp-mnist',
  name: 'MLP on MNIST',
  description: 'Input [784] -> Dense 1024 -> Dense 512 -> Dense 512 -> Dense 10 softmax (1,596,426 parameters)',
  explanation:
    'A multilayer perceptron: each 28x28 digit is flattened into a vector of 784 pixels, so the model does not ' +
    'know which pixels are neighbours. Three fully connected hidden layers with relu and a 10-way softmax, ' +
    'trained with cross-entropy and Adam. About half of its 1,596,426 parameters sit in the first layer ' +
    '(784 x 1024 + 1024 = 803,840); the second holds 524,800 (1024 x 512 + 512), the third 262,656 and the ' +
    'output layer 5,130.',
  tryNext: [
    'Remove a hidden layer or halve the widths: how much accuracy do the extra parameters buy?',
    'Add Dropout between the Dense layers and compare training and validation accuracy.',
    'Try SGD instead of Adam at the same learning rate, then at 0.1.',
    'Compare with the CNN and LSTM templates, which know that pixels have neighbours.',
  ],
  graph: mlpMnist,
};

/** The view-only GPT configurations get the same explanation. */
function gptTemplate(t: GptTemplate): Template {
  return {
    ...t,
    explanation:
      'A real GPT configuration, view-only: look at where the parameters sit (embedding, attention, feed-forward) ' +
      'and how the count grows with depth and width. Building it would allocate every weight.',
    tryNext: [
      'Open the "Tiny GPT on characters" template: the same structure at a size that trains here.',
      'Compare the count per decoder block across GPT-1, GPT-2 XL and GPT-3 (12 d^2 per block plus biases and norms).',
    ],
  };
}

export const TEMPLATES: Template[] = [
  mlp,
  cnnCifar,
  lstmMnistRows,
  oneToManyDigitNames,
  manyToManyTagging,
  seq2seqDates,
  seq2seqDatesAttention,
  transformerClassifier,
  charGpt,
  wavenet,
  snail,
  ...RNN_COMPARISON,
  // View-only: their parameter counts are the point; building them would allocate billions of weights.
  ...GPT_TEMPLATES.map(gptTemplate),
];

/** View-only templates show shapes and counts but are not meant to be built or trained. */
export function isViewOnly(t: Template): boolean {
  return t.graph.extras?.viewOnly === true;
}

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
