// Encoder-decoder date translation ("3 may 1998" -> "1998-05-03"), without and with attention.
import type { Template } from '.';
import { datasetConfig, gridGraph, trainingConfig, type PlacedNode, type Wire } from './build';
import { DATE_VOCAB } from '../data/vocab';
import { DATE_INPUT_LENGTH, DATE_OUTPUT_LENGTH } from '../data/catalog';

const V = DATE_VOCAB.size;
const UNITS = 64;

function seq2seq(withAttention: boolean): Template {
  const nodes: PlacedNode[] = [
    { id: 'source', kind: 'Input', params: { feature: 'x', shape: [DATE_INPUT_LENGTH, V] }, col: 0, row: 0, label: 'Human date (one-hot)' },
    { id: 'decoder_in', kind: 'Input', params: { feature: 'decoder_in', shape: [DATE_OUTPUT_LENGTH, V] }, col: 0, row: 1, label: 'Start + target shifted right' },
    { id: 'encoder', kind: 'LSTM', params: { units: UNITS, returnState: true, returnSequences: withAttention }, col: 1, row: 0 },
    { id: 'decoder', kind: 'LSTM', params: { units: UNITS, returnSequences: true, useInitialState: true }, col: 2, row: 1 },
    { id: 'chars', kind: 'TimeDistributed', params: { units: V, activation: 'softmax' }, col: withAttention ? 5 : 3, row: 1 },
    { id: 'iso_date', kind: 'Output', params: { target: 'y' }, col: withAttention ? 6 : 4, row: 1 },
  ];
  const wires: Wire[] = [
    ['source', 'encoder'],
    ['decoder_in', 'decoder'],
    ['encoder', 'decoder', 'h', 'h0'],
    ['encoder', 'decoder', 'c', 'c0'],
    ['chars', 'iso_date'],
  ];
  if (withAttention) {
    nodes.push(
      { id: 'attention', kind: 'Attention', params: { score: 'scaled' }, col: 3, row: 0, label: 'Attention over encoder steps' },
      { id: 'context_and_state', kind: 'Concatenate', params: { axis: -1 }, col: 4, row: 1 },
    );
    wires.push(
      ['decoder', 'attention', 'out', 'query'],
      ['encoder', 'attention', 'out', 'value'],
      ['attention', 'context_and_state'],
      ['decoder', 'context_and_state'],
      ['context_and_state', 'chars'],
    );
  } else {
    wires.push(['decoder', 'chars']);
  }
  const name = withAttention ? 'Seq2seq dates with attention' : 'Seq2seq dates (no attention)';
  const description = withAttention
    ? `Encoder LSTM ${UNITS} (all steps + final h, c) -> decoder LSTM ${UNITS} started from h, c; Attention(query = decoder steps, value = encoder steps), concatenated with the decoder output -> TimeDistributed softmax over ${V} characters.`
    : `Encoder LSTM ${UNITS} reads the ${DATE_INPUT_LENGTH}-character date; its final h and c start a decoder LSTM ${UNITS} fed the target shifted right (teacher forcing) -> TimeDistributed softmax over ${V} characters.`;
  return {
    id: withAttention ? 'seq2seq-dates-attention' : 'seq2seq-dates',
    name,
    description,
    explanation: withAttention
      ? 'Attention removes the bottleneck of the plain encoder-decoder. At every output step the decoder state is ' +
        'compared with every encoder step (scaled dot product), the softmax of those scores weights the encoder ' +
        'outputs, and that context vector is concatenated with the decoder state before the classifier. To write ' +
        'the month, the decoder can look straight at the month word. Compare its validation accuracy with the ' +
        "'no attention' template trained for the same epochs; turn on returnScores on the Attention node to get the " +
        'weights [10, 30] and plot them as a heatmap.'
      : 'Encoder-decoder (seq2seq): the encoder LSTM reads the whole human-written date and hands only its final ' +
        "states h and c to the decoder (returnState -> the decoder's h0, c0 inputs). The decoder writes " +
        "'YYYY-MM-DD' one character at a time. During training it is fed the correct previous character " +
        "(feature 'decoder_in': a start token then the target shifted right), which is called teacher forcing. " +
        'Everything the decoder knows about the input must fit in those two 64-number vectors.',
    tryNext: withAttention
      ? [
          'Set returnScores on the Attention node and wire the scores to inspect which input characters each output character reads.',
          "Try the 'additive' (Bahdanau) score: it has weights of its own.",
          'Halve the LSTM units in both templates: attention suffers less from the smaller state.',
        ]
      : [
          'Train the attention template with the same settings and compare accuracy per epoch.',
          'Make the encoder a Bidirectional LSTM (you will need Dense layers to match the decoder state size).',
          'Cut the training samples to 2,000: the bottleneck model overfits first.',
        ],
    graph: gridGraph({
      name,
      description,
      nodes,
      wires,
      dataset: datasetConfig({ id: 'date-translation', representation: 'matrix', normalization: 'none', options: { samples: 8000 } }),
      training: trainingConfig({ epochs: 20, batchSize: 64, learningRate: 0.005 }),
    }),
  };
}

export const seq2seqDates = seq2seq(false);
export const seq2seqDatesAttention = seq2seq(true);
