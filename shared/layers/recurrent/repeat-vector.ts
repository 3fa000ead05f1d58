// RepeatVector: copy one vector n times to make a sequence (one-to-many).
import { ShapeError, defineLayer, formatShape } from '../types';
import { IN, singleInput } from '../core/common';
import { SEQ_OUT, requireInt } from '../conv/common';
import { messageFix } from '../messages';

export type RepeatVectorParams = { n: number };

export const repeatVectorLayer = defineLayer<RepeatVectorParams>({
  kind: 'RepeatVector',
  label: 'RepeatVector',
  category: 'Recurrent',
  summary: 'Vector -> sequence of n copies',
  help: {
    formula: 'y[t] = x for t = 1..n',
    paramFormula: '0 (no weights)',
    details:
      'Feeds the same vector to every step of a following recurrent layer: the simplest one-to-many or ' +
      'encoder-decoder bridge (e.g. an image code repeated for each word of a caption).',
  },
  params: { n: { type: 'int', label: 'Repeats', default: 8, min: 1, max: 100_000, help: 'Number of time steps n to produce.' } },
  inputs: [IN],
  outputs: [SEQ_OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'RepeatVector');
    requireInt(p.n, 'n', 'RepeatVector');
    if (shape.length !== 1) {
      throw ShapeError.of(
        shape.length === 2 ? 'repeatSequence' : 'repeatFlatten',
        { shape: formatShape(shape) },
        shape.length > 2 ? [messageFix('fixInsertFlatten', {}, { type: 'insertBefore', handle: 'in', kind: 'Flatten' })] : [],
      );
    }
    return { outputs: [[p.n, shape[0]]], params: 0 };
  },
});
