import { defineBuilder, type SymbolicTensor } from '../../types';
import { effectivePoolStride, type Pooling2DParams } from '../../../../shared/layers/conv/pooling2d-common';

export const maxPooling2dBuilder = defineBuilder<Pooling2DParams>({
  kind: 'MaxPooling2D',
  build(inputs, p, { tf, name }) {
    const layer = tf.layers.maxPooling2d({ poolSize: p.poolSize, strides: effectivePoolStride(p), padding: p.padding, name });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
