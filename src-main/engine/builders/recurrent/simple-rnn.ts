import { rnnBuilder } from './rnn-common';

export const simpleRnnBuilder = rnnBuilder('SimpleRNN');
