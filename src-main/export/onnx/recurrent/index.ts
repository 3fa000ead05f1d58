import type { OnnxEmitter } from '../types';
import { gruOnnx, lstmOnnx, simpleRnnOnnx } from './rnn';
import { bidirectionalOnnx } from './bidirectional';
import { embeddingOnnx } from './embedding';
import { tiedDenseOnnx } from './tied-dense';
import { timeDistributedOnnx } from './time-distributed';
import { repeatVectorOnnx } from './repeat-vector';
import { selectStepOnnx } from './select-step';

export const recurrentOnnx: OnnxEmitter[] = [
  simpleRnnOnnx,
  lstmOnnx,
  gruOnnx,
  bidirectionalOnnx,
  embeddingOnnx,
  tiedDenseOnnx,
  timeDistributedOnnx,
  repeatVectorOnnx,
  selectStepOnnx,
] as OnnxEmitter[];
