// Flatten: all axes of one sample become one vector.
import { ShapeError, defineLayer, formatShape } from '../types';
import { IN, OUT, elementCount, singleInput } from './common';
import { messageNotes } from '../messages';

export type FlattenParams = Record<string, never>;

export const flattenLayer = defineLayer<FlattenParams>({
  kind: 'Flatten',
  label: 'Flatten',
  category: 'Core',
  summary: 'Turn [h, w, c] into one vector of h*w*c values',
  help: {
    formula: 'y = reshape(x, [d1 * d2 * ... * dn])',
    paramFormula: '0',
    details:
      'Lays every value of a sample out in one long vector, e.g. a [28, 28, 1] image becomes [784]. ' +
      'Use it between convolution/pooling layers and Dense. On a vector it changes nothing.',
  },
  params: {},
  inputs: [IN],
  outputs: [OUT],
  infer(inputs) {
    const shape = singleInput(inputs, 'Flatten');
    if (shape.length === 0) throw ShapeError.of('flattenScalar', {});
    const n = elementCount(shape);
    if (n === null) {
      throw ShapeError.of('flattenUnknown', { shape: formatShape(shape) });
    }
    return { outputs: [[n]], params: 0, ...messageNotes(shape.length === 1 ? [{ id: 'noteFlattenVector', values: {} }] : []) };
  },
});
