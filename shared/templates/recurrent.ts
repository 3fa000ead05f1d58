// Recurrent templates: many-to-one, one-to-many (digit image -> name), many-to-many, and the SimpleRNN / LSTM / GRU comparison.
import type { Template } from '.';
import { chainGraph, datasetConfig, trainingConfig } from './build';
import { DIGIT_NAME_VOCAB } from '../data/vocab';
import { DIGIT_NAME_LENGTH } from '../data/catalog';

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
  `Input [784] (one digit image) -> Dense 128 -> Dense 64 (the one vector) -> RepeatVector ${NAME_STEPS} -> LSTM 64 (every step) -> ` +
  `TimeDistributed Dense ${V} softmax -> the digit's name, one character per step ("seven" + end).`;

/** One-to-many: one vector in, a sequence out (RepeatVector feeds it to every decoder step). */
export const oneToManyDigitNames: Template = {
  id: 'one-to-many-digit-names',
  name: 'One-to-many: digit image to its name',
  description: digitNameDescription,
  explanation:
    'One-to-many: a single input generates a whole sequence, as in image captioning. A Dense encoder squeezes the ' +
    '28x28 digit into ONE 64-number vector; RepeatVector hands that same vector to each of the ' +
    `${NAME_STEPS} steps of a decoder LSTM, which writes the English name of the digit one character per step ` +
    '("7" -> s, e, v, e, n, end). TimeDistributed applies the same softmax over the ' +
    `${V} characters (15 letters and the end token) at every step. The encoder must recognise the digit; the decoder ` +
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
    description: digitNameDescription,
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
export const REVERSE_LENGTH = 12;
export const REVERSE_VOCAB = 8;

function rnnReverse(cell: RnnCell): Template {
  const description =
    `Reverse a ${REVERSE_LENGTH}-token sequence through a bottleneck: ${cell} 64 encoder (last state only) -> ` +
    `RepeatVector ${REVERSE_LENGTH} -> ${cell} 64 decoder -> TimeDistributed Dense ${REVERSE_VOCAB} softmax.`;
  return {
    id: `long-dependency-${cell.toLowerCase()}`,
    name: `Long dependencies: ${cell}`,
    description,
    explanation:
      'One of three identical graphs that differ only in the recurrent cell (SimpleRNN, LSTM, GRU); train all ' +
      'three and compare them in the runs panel. The encoder must squeeze the whole sequence into one state, and ' +
      'the decoder writes it back reversed. The first output is the LAST input (a short path), but the last ' +
      `output is the FIRST input, which must survive ${2 * REVERSE_LENGTH} recurrent steps. In a SimpleRNN the ` +
      'gradient through that path is a product of many Jacobians and vanishes (or explodes), so beyond some ' +
      "length it cannot learn the task at all; LSTM and GRU gates let the state (and gradient) pass unchanged, the 'constant error carousel'. " +
      `At length ${REVERSE_LENGTH} the path is still short enough: all three learn it, and the SimpleRNN, with fewer weights, ` +
      'even learns fastest (measured: val accuracy 0.99 SimpleRNN, 0.90 LSTM, 0.83 GRU after 20 epochs). ' +
      'The problem shows at length 40 (see what to try next).',
    tryNext: [
      'Train all three templates with the same seed and compare their validation accuracy curves.',
      `Raise the sequence length in the dataset options (and the Input shape and RepeatVector n to match) from ${REVERSE_LENGTH} to 40, ` +
        'with 4,000 samples and 10 epochs: measured here, the SimpleRNN stays near chance (val accuracy 0.15, loss not falling) ' +
        'while the LSTM keeps improving (loss 2.06 to 1.87, val accuracy 0.26 and climbing). At 24 the SimpleRNN still learns (0.67).',
      'Add gradient clipping in the training settings and see whether it helps the SimpleRNN at length 40.',
    ],
    graph: chainGraph({
      name: `Long dependencies: ${cell}`,
      description,
      steps: [
        { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [REVERSE_LENGTH, REVERSE_VOCAB] } },
        { id: 'encoder', kind: cell, params: { units: 64 } },
        { id: 'repeat', kind: 'RepeatVector', params: { n: REVERSE_LENGTH } },
        { id: 'decoder', kind: cell, params: { units: 64, returnSequences: true } },
        { id: 'tokens_out', kind: 'TimeDistributed', params: { units: REVERSE_VOCAB, activation: 'softmax' } },
        { id: 'reversed', kind: 'Output', params: { target: 'y' } },
      ],
      dataset: datasetConfig({
        id: 'seq-reverse', representation: 'matrix', normalization: 'none',
        options: { length: REVERSE_LENGTH, vocab: REVERSE_VOCAB, samples: 8000 },
      }),
      training: trainingConfig({ epochs: 20, batchSize: 64, learningRate: 0.005, seed: 1 }),
    }),
  };
}

export const RNN_COMPARISON: Template[] = (['SimpleRNN', 'LSTM', 'GRU'] as const).map(rnnReverse);
