// SimpleRNN: the plain recurrent layer h_t = f(W x_t + U h_(t-1) + b).
import { recurrentLayer } from './rnn-common';

export type { RnnParams as SimpleRNNParams } from './rnn-common';

export const simpleRnnLayer = recurrentLayer('SimpleRNN', 'Plain recurrent layer: h_t = f(W x_t + U h_(t-1) + b)', {
  formula: 'h_t = f(W x_t + U h_(t-1) + b)',
  paramFormula: 'units * (features + units + 1)',
  details:
    'Reads the sequence one step at a time and keeps a hidden state h that mixes the new input with the ' +
    'previous state. Training goes back through every step, and each step multiplies the gradient by the same ' +
    'kind of Jacobian, diag(f\'(.)) U. Over many steps that product shrinks towards 0 when those factors are ' +
    'smaller than 1 (vanishing gradients: early inputs stop influencing what is learned) or grows without bound ' +
    'when they are larger (exploding gradients: the loss spikes or turns NaN). Gradient clipping tames exploding ' +
    'gradients; vanishing ones need the gated cells of LSTM and GRU.',
});
