// LSTM: a recurrent layer with input, forget and output gates and a separate cell state.
import { recurrentLayer } from './rnn-common';

export type { RnnParams as LSTMParams } from './rnn-common';

export const lstmLayer = recurrentLayer('LSTM', 'Long short-term memory: gated h and cell state c', {
  formula:
    'i = σ(W_i x_t + U_i h_(t-1) + b_i), f = σ(W_f x_t + U_f h_(t-1) + b_f), o = σ(W_o x_t + U_o h_(t-1) + b_o), ' +
    'c_t = f * c_(t-1) + i * tanh(W_c x_t + U_c h_(t-1) + b_c), h_t = o * tanh(c_t)',
  paramFormula: '4 * units * (features + units + 1)',
  details:
    'The forget gate f decides what to keep of the cell state c, the input gate i what to write, the ' +
    'output gate o what to show as h. Because c is updated by addition, gradients survive long sequences. ' +
    "With 'Return state' it outputs its final h and c, which can start a decoder LSTM (seq2seq).",
});
