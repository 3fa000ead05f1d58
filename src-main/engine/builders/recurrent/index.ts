import type { LayerBuilder } from '../../types';
import { embeddingBuilder } from './embedding';
import { simpleRnnBuilder } from './simple-rnn';
import { lstmBuilder } from './lstm';
import { gruBuilder } from './gru';
import { bidirectionalBuilder } from './bidirectional';
import { repeatVectorBuilder } from './repeat-vector';
import { timeDistributedBuilder } from './time-distributed';
import { selectStepBuilder } from './select-step';
import { tiedDenseBuilder } from './tied-dense';

export const recurrentBuilders: LayerBuilder[] = [
  embeddingBuilder,
  simpleRnnBuilder,
  lstmBuilder,
  gruBuilder,
  bidirectionalBuilder,
  repeatVectorBuilder,
  timeDistributedBuilder,
  selectStepBuilder,
  tiedDenseBuilder,
] as LayerBuilder[];
