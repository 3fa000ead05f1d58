// Conv2D through LayerLab's unfused subclass: stock tfjs Conv2D cannot train with most activations on
// wasm or with dilation (see custom/conv-unfused2d.ts). Same config and weights as tf.layers.conv2d.
import { defineBuilder, type SymbolicTensor } from '../../types';
import type { Conv2DParams } from '../../../../shared/layers/conv/conv2d';
import { unfusedConv2DClass } from '../../custom/conv-unfused2d';

export const conv2dBuilder = defineBuilder<Conv2DParams>({
  kind: 'Conv2D',
  build(inputs, p, { tf, name }) {
    const Conv2D = unfusedConv2DClass(tf);
    const layer = new Conv2D({
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
