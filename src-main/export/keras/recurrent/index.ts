// Keras generators for Embedding, the recurrent layers and their sequence helpers.
import type { KerasGenerator } from '../types';
import { embeddingKeras } from './embedding';
import { gruKeras, lstmKeras, simpleRnnKeras } from './rnn';
import { bidirectionalKeras } from './bidirectional';
import { repeatVectorKeras } from './repeat-vector';
import { timeDistributedKeras } from './time-distributed';
import { selectStepKeras } from './select-step';
import { tiedDenseKeras } from './tied-dense';

export const recurrentKeras: KerasGenerator[] = [
  embeddingKeras, simpleRnnKeras, lstmKeras, gruKeras, bidirectionalKeras, repeatVectorKeras, timeDistributedKeras, selectStepKeras, tiedDenseKeras,
] as unknown as KerasGenerator[];
