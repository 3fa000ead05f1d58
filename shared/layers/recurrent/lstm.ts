// LSTM: a recurrent layer with input, forget and output gates and a separate cell state.
import { recurrentLayer } from './rnn-common';

export type { RnnParams as LSTMParams } from './rnn-common';

export const lstmLayer = recurrentLayer('LSTM', 'Long short-term memory: gated h and cell state c', {
  formula:
    'i = σ(W_i x_t + U_i h_(t-1) + b_i), f = σ(W_f x_t + U_f h_(t-1) + b_f), o = σ(W_o x_t + U_o h_(t-1) + b_o), ' +
    'c_t = f * c_(t-1) + i * tanh(W_c x_t + U_c h_(t-1) + b_c), h_t = o * tanh(c_t)   (σ = sigmoid; tanh = the Activation)',
  paramFormula: '4 * units * (features + units + 1)',
  details:
    'The forget gate f decides what to keep of the cell state c, the input gate i what to write, the ' +
    'output gate o what to show as h. The cell is updated by addition, so along c the gradient from one step to ' +
    'the one before is multiplied only by the forget gate: dc_t / dc_(t-1) = f_t (element-wise, leaving out the ' +
    'paths through the gates). It survives many steps only while the forget gates stay near 1; a forget gate near ' +
    '0 erases the memory and its gradient alike. In the original LSTM (Hochreiter and Schmidhuber, 1997) there was ' +
    "no forget gate and this factor was exactly 1: their 'constant error carousel'. Here, as in tfjs, the gate " +
    'biases start at 0, so f starts around 0.5; Keras by default starts the forget bias at 1 (f near 0.73) so ' +
    'that memory lasts longer from the start. ' +
    "The activation (tanh) squashes the candidate and c_t before the output gate. With 'Return state' it " +
    'outputs its final h and c, which can start a decoder LSTM (seq2seq).',
});
