// MaxPooling2D / AveragePooling2D -> the Keras layers of the same name.
import { effectivePoolStride, type Pooling2DParams } from '../../../../shared/layers/conv/pooling2d-common';
import { applyLine, defineKerasGenerator, type KerasGenerator } from '../types';
import { pyString } from '../../codegen/escape';

function pooling2dKeras(kind: 'MaxPooling2D' | 'AveragePooling2D'): KerasGenerator<Pooling2DParams> {
  return defineKerasGenerator<Pooling2DParams>({
    kind,
    generate: (n) => ({
      lines: [applyLine(n, kind, [`pool_size=${n.params.poolSize}`, `strides=${effectivePoolStride(n.params)}`, `padding=${pyString(n.params.padding)}`])],
    }),
  });
}

export const maxPooling2dKeras = pooling2dKeras('MaxPooling2D');
export const averagePooling2dKeras = pooling2dKeras('AveragePooling2D');
