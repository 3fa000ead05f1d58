import { defineBuilder, type SymbolicTensor } from '../../types';
import { effectivePoolStride, type Pooling2DParams } from '../../../../shared/layers/conv/pooling2d-common';

export const averagePooling2dBuilder = defineBuilder<Pooling2DParams>({
  kind: 'AveragePooling2D',
  build(inputs, p, { tf, name }) {
    const layer = tf.layers.averagePooling2d({ poolSize: p.poolSize, strides: effectivePoolStride(p), padding: p.padding, name });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
