import { rnnBuilder } from './rnn-common';

export const gruBuilder = rnnBuilder('GRU');
