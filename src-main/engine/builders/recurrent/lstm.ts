import { rnnBuilder } from './rnn-common';

export const lstmBuilder = rnnBuilder('LSTM');
