// Conv2D on channels-last images: Transpose to NCHW, Conv (TensorFlow 'same' padding, dilation, stride),
// Transpose back, then the activation. tfjs kernel [kh, kw, in, out] -> ONNX W [out, in, kh, kw].
import type { Conv2DParams } from '../../../../shared/layers/conv/conv2d';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';
import { activate, unsupportedActivation } from '../activations';
import { transpose } from '../../pytorch/weights';
import { paddingAttrs, toChannelsFirst, toChannelsLast } from './common';

export const conv2dOnnx = defineOnnxEmitter<Conv2DParams>({
  kind: 'Conv2D',
  check: (n) => unsupportedActivation(n.params.activation),
  emit(n, ins, g) {
    const p = n.params;
    const x = g.transpose(ins[0][0], toChannelsFirst(4), `${n.name}_nchw`);
    const k = g.weightArray(n, 'kernel');
    const w = transpose(k.data, k.shape, [3, 2, 0, 1]);
    const attrs = [
      attr.ints('kernel_shape', [p.kernelSize, p.kernelSize]),
      attr.ints('strides', [p.strides, p.strides]),
      attr.ints('dilations', [p.dilationRate, p.dilationRate]),
      ...paddingAttrs(p.padding, n.inputShapes[0][0].slice(0, 2), p.kernelSize, p.strides, p.dilationRate),
    ];
    const y = g.op1('Conv', [x, g.initializer(`${n.name}/W`, w.shape, w.data), g.weight(n, 'bias')], `${n.name}_conv`, attrs);
    return [activate(g, g.transpose(y, toChannelsLast(4), `${n.name}_nhwc`), p.activation, n.name)];
  },
});
