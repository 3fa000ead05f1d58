// Embedding: a learned lookup table from token ids to vectors.
import { ShapeError, defineLayer } from '../types';
import { IN, singleInput } from '../core/common';
import { SEQ_OUT, requireInt } from '../conv/common';
import { messageNotes, type LayerMessage } from '../messages';

export type EmbeddingParams = { inputDim: number; outputDim: number; maskZero: boolean };

export const embeddingLayer = defineLayer<EmbeddingParams>({
  kind: 'Embedding',
  label: 'Embedding',
  category: 'Embedding',
  summary: 'Token id -> learned vector',
  help: {
    formula: 'y[t] = E[x[t]]   (row x[t] of the inputDim x outputDim table E)',
    paramFormula: 'inputDim * outputDim',
    details:
      'Turns integer token ids (0 to inputDim - 1, e.g. word or character indices) into dense vectors that ' +
      'are learned with the rest of the model: a sequence of ids [time] becomes [time, outputDim]. ' +
      "'Mask zero' treats id 0 as padding: recurrent layers after it skip those steps, so inputDim must " +
      'count the padding id too.',
  },
  params: {
    inputDim: { type: 'int', label: 'Vocabulary size', default: 1000, min: 1, max: 10_000_000, help: 'Number of distinct token ids (largest id + 1).' },
    outputDim: { type: 'int', label: 'Vector size', default: 64, min: 1, max: 65_536, help: 'Length of each learned vector.' },
    maskZero: {
      type: 'bool',
      label: 'Mask zero',
      default: false,
      help: 'Treat id 0 as padding and pass a mask so recurrent layers ignore padded steps.',
    },
  },
  inputs: [IN],
  outputs: [SEQ_OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Embedding');
    if (shape.length === 0) throw ShapeError.of('embeddingScalar', {});
    requireInt(p.inputDim, 'inputDim', 'Embedding');
    requireInt(p.outputDim, 'outputDim', 'Embedding');
    const notes: LayerMessage[] = [{ id: 'noteTokenIds', values: { last: p.inputDim - 1 } }];
    if (p.maskZero) notes.push({ id: 'noteMaskZero', values: {} });
    return { outputs: [[...shape, p.outputDim]], params: p.inputDim * p.outputDim, ...messageNotes(notes) };
  },
});
