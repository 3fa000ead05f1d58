// Shared definition of the two 2-D pooling layers (they differ only in max vs mean).
import { defineLayer, type LayerDef } from '../types';
import { IN, OUT, singleInput } from '../core/common';
import { needImageError, requireInt, windowOutputLength } from './common';

export type Pooling2DParams = { poolSize: number; strides: number; padding: 'valid' | 'same' };

/** strides 0 means "same as poolSize" (Keras strides=None): non-overlapping windows. */
export function effectivePoolStride(p: Pooling2DParams): number {
  return p.strides > 0 ? p.strides : p.poolSize;
}

export function pooling2dLayer(kind: 'MaxPooling2D' | 'AveragePooling2D'): LayerDef<Pooling2DParams> {
  const isMax = kind === 'MaxPooling2D';
  const op = isMax ? 'max' : 'mean';
  return defineLayer<Pooling2DParams>({
    kind,
    label: kind,
    category: 'Pooling',
    summary: isMax ? 'Keep the largest value in each window' : 'Average each window',
    help: {
      formula: `y[i, j, c] = ${op} over u, v < poolSize of x[i*s + u, j*s + v, c]`,
      paramFormula: '0 (no weights)',
      details:
        `Shrinks height and width by taking the ${op} of each poolSize x poolSize window, channel by channel. ` +
        'With poolSize 2 and strides 2 a 28 x 28 image becomes 14 x 14. ' +
        (isMax
          ? 'Max pooling keeps the strongest response, which makes features a little shift-invariant.'
          : 'Average pooling smooths; it is gentler than max pooling.'),
    },
    params: {
      poolSize: { type: 'int', label: 'Pool size', default: 2, min: 1, max: 32, help: 'Side of each square window.' },
      strides: {
        type: 'int',
        label: 'Strides',
        default: 0,
        min: 0,
        max: 32,
        help: 'Step between windows; 0 = same as the pool size (windows do not overlap).',
      },
      padding: {
        type: 'enum',
        label: 'Padding',
        options: ['valid', 'same'],
        default: 'valid',
        help: "'valid' drops a partial window at the edge; 'same' keeps it (output = ceil(size / strides)).",
      },
    },
    inputs: [IN],
    outputs: [OUT],
    infer(inputs, p) {
      const shape = singleInput(inputs, kind);
      if (shape.length !== 3) throw needImageError(shape, kind);
      requireInt(p.poolSize, 'poolSize', kind);
      requireInt(p.strides, 'strides', kind, 0);
      const s = effectivePoolStride(p);
      const h = windowOutputLength(shape[0], p.poolSize, s, p.padding, kind, 'height');
      const w = windowOutputLength(shape[1], p.poolSize, s, p.padding, kind, 'width');
      return { outputs: [[h, w, shape[2]]], params: 0 };
    },
  });
}
