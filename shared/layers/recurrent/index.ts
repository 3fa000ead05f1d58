// Recurrent layers, plus Embedding and the sequence helpers that go with them.
import type { LayerDef } from '../types';
import { embeddingLayer } from './embedding';
import { simpleRnnLayer } from './simple-rnn';
import { lstmLayer } from './lstm';
import { gruLayer } from './gru';
import { bidirectionalLayer } from './bidirectional';
import { repeatVectorLayer } from './repeat-vector';
import { timeDistributedLayer } from './time-distributed';
import { selectStepLayer } from './select-step';
import { tiedDenseLayer } from './tied-dense';

export const recurrentLayers: LayerDef[] = [
  embeddingLayer,
  simpleRnnLayer,
  lstmLayer,
  gruLayer,
  bidirectionalLayer,
  repeatVectorLayer,
  timeDistributedLayer,
  selectStepLayer,
  tiedDenseLayer,
] as unknown as LayerDef[];
