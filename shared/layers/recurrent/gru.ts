// GRU: a gated recurrent layer with update and reset gates and a single state.
import { recurrentLayer } from './rnn-common';

export type { RnnParams as GRUParams } from './rnn-common';

export const gruLayer = recurrentLayer('GRU', 'Gated recurrent unit: update and reset gates', {
  formula:
    'z = σ(W_z x_t + U_z h_(t-1) + b_z), r = σ(W_r x_t + U_r h_(t-1) + b_r), ' +
    'h~ = tanh(W_h x_t + U_h (r * h_(t-1)) + b_h), h_t = z * h_(t-1) + (1 - z) * h~   (σ = sigmoid; tanh = the Activation)',
  paramFormula: '3 * units * (features + units + 1)   (tfjs; Keras with reset_after=True has 3 * units * (features + units + 2))',
  details:
    'Like an LSTM with the cell and hidden state merged and two gates instead of three: the update gate z ' +
    'blends old state and candidate, the reset gate r decides how much of the past the candidate sees. ' +
    'The activation squashes only the candidate h~; the new state is a blend of the old state and h~, not ' +
    'squashed again. Along the blend, dh_t / dh_(t-1) includes z, so the gradient survives while z stays near 1, ' +
    'as the LSTM\'s does through its forget gate. Fewer weights than an LSTM and often as good. tfjs applies the ' +
    'reset gate before the recurrent matrix (reset_after=False), so it has one bias per gate.',
});
