// MaxPooling2D and AveragePooling2D on channels-last images: NCHW MaxPool / AveragePool with TensorFlow's
// padding; AveragePool's default count_include_pad = 0 averages only real pixels, as TensorFlow does.
import { effectivePoolStride, type Pooling2DParams } from '../../../../shared/layers/conv/pooling2d-common';
import { attr } from '../context';
import { defineOnnxEmitter, type OnnxEmitter } from '../types';
import { paddingAttrs, toChannelsFirst, toChannelsLast } from './common';

function pooling2dOnnx(kind: 'MaxPooling2D' | 'AveragePooling2D'): OnnxEmitter<Pooling2DParams> {
  return defineOnnxEmitter<Pooling2DParams>({
    kind,
    emit(n, ins, g) {
      const p = n.params;
      const stride = effectivePoolStride(p);
      const x = g.transpose(ins[0][0], toChannelsFirst(4), `${n.name}_nchw`);
      const attrs = [
        attr.ints('kernel_shape', [p.poolSize, p.poolSize]),
        attr.ints('strides', [stride, stride]),
        ...paddingAttrs(p.padding, n.inputShapes[0][0].slice(0, 2), p.poolSize, stride, 1),
      ];
      const y = g.op1(kind === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', [x], `${n.name}_pool`, attrs);
      return [g.transpose(y, toChannelsLast(4), n.name)];
    },
  });
}

export const maxPooling2dOnnx = pooling2dOnnx('MaxPooling2D');
export const averagePooling2dOnnx = pooling2dOnnx('AveragePooling2D');
