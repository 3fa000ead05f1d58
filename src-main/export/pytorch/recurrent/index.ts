// PyTorch generators for Embedding, the recurrent layers and their sequence helpers.
import type { PyGenerator } from '../types';
import { embeddingPy } from './embedding';
import { gruPy, lstmPy, simpleRnnPy } from './rnn';
import { bidirectionalPy } from './bidirectional';
import { repeatVectorPy } from './repeat-vector';
import { timeDistributedPy } from './time-distributed';
import { selectStepPy } from './select-step';
import { tiedDensePy } from './tied-dense';

export const recurrentPy: PyGenerator[] = [
  embeddingPy,
  simpleRnnPy,
  lstmPy,
  gruPy,
  bidirectionalPy,
  repeatVectorPy,
  timeDistributedPy,
  selectStepPy,
  tiedDensePy,
] as unknown as PyGenerator[];
