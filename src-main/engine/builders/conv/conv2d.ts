import { defineBuilder, type SymbolicTensor } from '../../types';
import type { Conv2DParams } from '../../../../shared/layers/conv/conv2d';

export const conv2dBuilder = defineBuilder<Conv2DParams>({
  kind: 'Conv2D',
  build(inputs, p, { tf, name }) {
    const layer = tf.layers.conv2d({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      dilationRate: p.dilationRate,
      activation: p.activation,
      name,
    });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
