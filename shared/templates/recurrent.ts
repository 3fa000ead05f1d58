// Recurrent templates: many-to-one, one-to-many (digit image -> name), many-to-many, and the SimpleRNN / LSTM / GRU comparison.
import type { Template } from '.';
import { chainGraph, datasetConfig, trainingConfig } from './build';
import { DIGIT_NAME_VOCAB } from '../data/vocab';
import { DIGIT_NAME_LENGTH } from '../data/catalog';
import { fillText } from './text';

const lstmRowsDescription = 'Input [28, 28] (28 rows as 28 time steps) -> LSTM 64 -> Dense 10 softmax (24,458 parameters).';

/** Many-to-one: read a digit row by row, classify after the last row. */
export const lstmMnistRows: Template = {
  id: 'lstm-mnist-rows',
  name: 'LSTM on MNIST rows (many-to-one)',
  description: lstmRowsDescription,
  explanation:
    'Many-to-one: the image is read as a sequence of 28 rows of 28 pixels (the "matrix" representation). ' +
    'The LSTM updates its 64-number memory after every row and only the final state, after row 28, goes to ' +
    'the classifier. The same weights process every row, so the model has far fewer parameters than the MLP ' +
    '(24,458 vs 1,596,426) yet reaches similar accuracy.',
  tryNext: [
    'Swap the LSTM for a GRU or SimpleRNN and compare accuracy and parameters.',
    'Turn on returnSequences and add a second LSTM on top (a stacked RNN).',
    'Use a Bidirectional LSTM: it reads the rows top-down and bottom-up.',
  ],
  graph: chainGraph({
    name: 'LSTM on MNIST rows',
    description: lstmRowsDescription,
    steps: [
      { id: 'rows', kind: 'Input', params: { feature: 'x', shape: [28, 28] }, label: '28 rows x 28 pixels' },
      { id: 'lstm', kind: 'LSTM', params: { units: 64 } },
      { id: 'classes', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
      { id: 'label', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({ id: 'mnist-bundled', representation: 'matrix' }),
    training: trainingConfig({ epochs: 5, batchSize: 64, learningRate: 0.005 }),
  }),
};

const NAME_STEPS = DIGIT_NAME_LENGTH;
const V = DIGIT_NAME_VOCAB.size;
const digitNameDescription =
  'Input [784] (one digit image) -> Dense 128 -> Dense 64 (the one vector) -> RepeatVector {{steps}} -> LSTM 64 (every step) -> ' +
  'TimeDistributed Dense {{vocab}} softmax -> the digit\'s name, one character per step ("seven" + end).';
const digitNameParams = { steps: NAME_STEPS, vocab: V };

/** One-to-many: one vector in, a sequence out (RepeatVector feeds it to every decoder step). */
export const oneToManyDigitNames: Template = {
  id: 'one-to-many-digit-names',
  name: 'One-to-many: digit image to its name',
  description: digitNameDescription,
  textParams: digitNameParams,
  explanation:
    'One-to-many: a single input generates a whole sequence, as in image captioning. A Dense encoder squeezes the ' +
    '28x28 digit into ONE 64-number vector; RepeatVector hands that same vector to each of the ' +
    '{{steps}} steps of a decoder LSTM, which writes the English name of the digit one character per step ' +
    '("7" -> s, e, v, e, n, end). TimeDistributed applies the same softmax over the ' +
    '{{vocab}} characters (15 letters and the end token) at every step. The encoder must recognise the digit; the decoder' +
    'must learn the spelling. It never sees the characters it writes: every step gets the same vector, so its ' +
    'recurrent state has to keep track of the position, i.e. which letter of the name comes next. (A decoder fed ' +
    'the previous character, as in the seq2seq templates, would not have to.) Accuracy is per character: a model ' +
    'that ignores the image and writes the most common letter at each position already scores 48%, because the ' +
    'last steps are usually the end token, so judge it against that.',
  tryNext: [
    'Replace the Dense encoder with the CNN or LSTM-on-rows encoder (choose the image or matrix representation).',
    'Shrink the bottleneck Dense to 8 units: how much of the digit can one small vector hold?',
    'Swap the decoder LSTM for a SimpleRNN or GRU and compare the per-character accuracy curves.',
    'Raise the name length in the dataset options (and RepeatVector n to match): the decoder must keep writing end tokens.',
  ],
  graph: chainGraph({
    name: 'One-to-many: digit to name',
    description: fillText(digitNameDescription, digitNameParams),
    steps: [
      { id: 'digit', kind: 'Input', params: { feature: 'x', shape: [784] }, label: 'One digit image (784 pixels)' },
      { id: 'encoder', kind: 'Dense', params: { units: 128, activation: 'relu' } },
      { id: 'thought', kind: 'Dense', params: { units: 64, activation: 'relu' }, label: 'The one vector' },
      { id: 'repeat', kind: 'RepeatVector', params: { n: NAME_STEPS } },
      { id: 'decoder', kind: 'LSTM', params: { units: 64, returnSequences: true } },
      { id: 'chars', kind: 'TimeDistributed', params: { units: V, activation: 'softmax' } },
      { id: 'name', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({ id: 'mnist-digit-names', representation: 'vector', normalization: 'scale01', options: { length: NAME_STEPS } }),
    training: trainingConfig({ epochs: 10, batchSize: 64, learningRate: 0.005 }),
  }),
};

const taggingDescription = 'Input [8, 10] one-hot tokens -> LSTM 64 (every step) -> TimeDistributed Dense 10 softmax: one label per input step.';

/** Many-to-many, aligned: one output per input step. */
export const manyToManyTagging: Template = {
  id: 'many-to-many-tagging',
  name: 'Many-to-many: sequence tagging',
  description: taggingDescription,
  explanation:
    'Many-to-many, aligned: with returnSequences on, the LSTM emits its state at every step, and ' +
    'TimeDistributed applies one shared Dense softmax to each step, giving one label per input token ' +
    '(as in part-of-speech tagging). The task here is the copy task: the label of each step is its own token, ' +
    'which a tagger learns quickly because each answer is available at its own step.',
  tryNext: [
    "Switch the dataset to 'Sequence reverse': the first output needs the LAST input, which a left-to-right LSTM has not seen yet; accuracy stalls near chance for early steps.",
    'Then replace the LSTM with a Bidirectional LSTM (returnSequences on) and watch reverse become learnable.',
    'Forecasting: the WaveNet template is another many-to-one / many-to-many sequence model on the time series.',
  ],
  graph: chainGraph({
    name: 'Sequence tagging (many-to-many)',
    description: taggingDescription,
    steps: [
      { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [8, 10] } },
      { id: 'lstm', kind: 'LSTM', params: { units: 64, returnSequences: true } },
      { id: 'tags', kind: 'TimeDistributed', params: { units: 10, activation: 'softmax' } },
      { id: 'labels', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({ id: 'seq-copy', representation: 'matrix', normalization: 'none', options: { length: 8, vocab: 10, samples: 4000 } }),
    training: trainingConfig({ epochs: 10, batchSize: 64, learningRate: 0.01 }),
  }),
};

export type RnnCell = 'SimpleRNN' | 'LSTM' | 'GRU';
/** The shipped length of the long-dependency task: the marked token lies 12 to 15 steps before the end. */
export const RECALL_LENGTH = 16;
export const RECALL_VOCAB = 8;
/** The marked token is one of the first RECALL_MARK_WITHIN steps. */
export const RECALL_MARK_WITHIN = 4;
export const RECALL_UNITS = 32;

function rnnRecall(cell: RnnCell): Template {
  const gap = RECALL_LENGTH - RECALL_MARK_WITHIN;
  const textParams = {
    cell, length: RECALL_LENGTH, width: RECALL_VOCAB + 1, size: RECALL_UNITS, vocab: RECALL_VOCAB,
    markWithin: RECALL_MARK_WITHIN, gap, farthest: RECALL_LENGTH - 1,
  };
  const description =
    'Recall the marked token: Input [{{length}}, {{width}}] (one-hot token + marker) -> {{cell}} {{size}} ' +
    '(last state only) -> Dense {{vocab}} softmax. The answer lies {{gap}} to {{farthest}} steps back.';
  const name = 'Long dependencies: {{cell}}';
  return {
    id: `long-dependency-${cell.toLowerCase()}`,
    textId: 'long-dependency',
    textParams,
    name,
    description,
    explanation:
      'One of three identical graphs that differ only in the recurrent cell (SimpleRNN, LSTM, GRU); train all three ' +
      'and compare them in the runs panel. Each sample is a sequence of random tokens; one of the first ' +
      '{{markWithin}} steps carries a marker (an extra input channel), and after the last step the model must ' +
      'name the marked token (chance: 1 in {{vocab}}). Everything after the marked step is noise to ignore, so ' +
      'the answer lies {{gap}} to {{farthest}} steps back: the error signal that teaches the network to store' +
      'the marked token has to travel back through that many steps. In a SimpleRNN, h_t = tanh(W x_t + U h_(t-1) + b), ' +
      'so the gradient from step t back to step t - k is a product of k Jacobians diag(1 - h^2) U; it shrinks ' +
      'exponentially with k (vanishing gradients) or grows (exploding gradients). The LSTM carries a cell state ' +
      'c_t = f_t * c_(t-1) + i_t * g_t: along c the gradient is multiplied by the forget gate, dc_t / dc_(t-1) = f_t, ' +
      'so while f_t stays near 1 it survives many steps, and the input gate i_t can open at the marker and stay shut ' +
      'for the noise. (Hochreiter and Schmidhuber\'s original LSTM had no forget gate, so that factor was exactly 1: their ' +
      '"constant error carousel". Here, as in tfjs, the gate biases start at 0, so f_t starts near 0.5; Keras starts the ' +
      'forget bias at 1, f_t near 0.73.) ' +
      'The GRU has no separate cell state: its hidden state is itself the blend h_t = z_t * h_(t-1) + (1 - z_t) * h~_t, ' +
      'so along that path the factor is the update gate z_t, and the gradient survives while z_t stays near 1. ' +
      'Measured on this machine (wasm, seed 1): see the README ' +
      'table; at this length the SimpleRNN stays near chance while the LSTM and GRU learn the task almost perfectly. ' +
      'At length 10 (marker within the first 3 steps) the SimpleRNN learns it too: the difference is the distance. ' +
      'The Training tab\'s Layers view draws the gradient of the loss with respect to the input at each time step ' +
      '(measured after 6 epochs on 2,000 sequences, wasm, seed 5): the LSTM\'s at the first 4 steps, where the marker ' +
      'can be, is 11.7x its gradient at the last step and never falls below 0.97x it; the SimpleRNN\'s first 4 steps ' +
      'get 3.6x (mostly the very first step, which feeds a still-empty state) and its middle steps only 0.46x: the ' +
      'LSTM carries three times the SimpleRNN\'s share of the error signal back to where the marker can be, and the ' +
      'SimpleRNN never learns to store the marked token.',
    tryNext: [
      'Train all three templates with the same settings and compare their validation accuracy curves.',
      'Shorten the dependency: set the dataset length to 10 and markWithin to 3 (and the Input shape to [10, 9]): ' +
        'the SimpleRNN now learns it as well.',
      'Lengthen it: length 24 with markWithin 4 (Input [24, 9]): the LSTM too now needs many more epochs before its ' +
        'loss starts to fall (its forget gate starts near 0.5, and 0.5^20 is one in a million).',
      'Turn on gradient clipping (clip norm 1) for the SimpleRNN: clipping rescales gradients that are too LARGE ' +
        '(exploding gradients, the loss spikes the SimpleRNN shows); it cannot enlarge gradients that have vanished, ' +
        'so the SimpleRNN still stays near chance at this length.',
    ],
    graph: chainGraph({
      name: fillText(name, textParams),
      description: fillText(description, textParams),
      steps: [
        { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [RECALL_LENGTH, RECALL_VOCAB + 1] }, label: 'Tokens + marker' },
        { id: 'memory', kind: cell, params: { units: RECALL_UNITS } },
        { id: 'marked_token', kind: 'Dense', params: { units: RECALL_VOCAB, activation: 'softmax' } },
        { id: 'answer', kind: 'Output', params: { target: 'y' } },
      ],
      dataset: datasetConfig({
        id: 'seq-recall-marked', representation: 'matrix', normalization: 'none',
        options: { length: RECALL_LENGTH, vocab: RECALL_VOCAB, markWithin: RECALL_MARK_WITHIN, samples: 8000 },
      }),
      training: trainingConfig({ epochs: 10, batchSize: 32, learningRate: 0.01, seed: 1 }),
    }),
  };
}

export const RNN_COMPARISON: Template[] = (['SimpleRNN', 'LSTM', 'GRU'] as const).map(rnnRecall);
