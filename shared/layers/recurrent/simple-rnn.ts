// SimpleRNN: the plain recurrent layer h_t = f(W x_t + U h_(t-1) + b).
import { recurrentLayer } from './rnn-common';

export type { RnnParams as SimpleRNNParams } from './rnn-common';

export const simpleRnnLayer = recurrentLayer('SimpleRNN', 'Plain recurrent layer: h_t = f(W x_t + U h_(t-1) + b)', {
  formula: 'h_t = f(W x_t + U h_(t-1) + b)',
  paramFormula: 'units * (features + units + 1)',
  details:
    'Reads the sequence one step at a time and keeps a hidden state h that mixes the new input with the ' +
    'previous state. Simple, but its gradients vanish over long sequences; LSTM and GRU fix that with gates.',
});
