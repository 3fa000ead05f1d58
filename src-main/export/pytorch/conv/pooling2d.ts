// MaxPooling2D and AveragePooling2D on channels-last images (Pool2dNHWC helper, TensorFlow padding).
import { effectivePoolStride, type Pooling2DParams } from '../../../../shared/layers/conv/pooling2d-common';
import { definePyGenerator, type PyGenerator } from '../types';
import { pyString } from '../../codegen/escape';

function pooling2dPy(kind: 'MaxPooling2D' | 'AveragePooling2D'): PyGenerator<Pooling2DParams> {
  return definePyGenerator<Pooling2DParams>({
    kind,
    generate(n) {
      const p = n.params;
      const mode = kind === 'MaxPooling2D' ? 'max' : 'avg';
      return {
        init: [`self.${n.name} = Pool2dNHWC(${pyString(mode)}, ${p.poolSize}, ${effectivePoolStride(p)}, tf_padding=${pyString(p.padding)})`],
        forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
        helpers: ['Pool2dNHWC'],
      };
    },
  });
}

export const maxPooling2dPy = pooling2dPy('MaxPooling2D');
export const averagePooling2dPy = pooling2dPy('AveragePooling2D');
