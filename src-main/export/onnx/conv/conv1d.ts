// Conv1D on [batch, time, channels]: Transpose to NCW, 'causal' as Pad((k - 1) * d zeros before the first step)
// + a valid Conv, dilation and stride as attributes, Transpose back, then the activation.
// tfjs kernel [k, in, out] -> ONNX W [out, in, k].
import type { Conv1DParams } from '../../../../shared/layers/conv/conv1d';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';
import { activate, unsupportedActivation } from '../activations';
import { transpose } from '../../pytorch/weights';
import { paddingAttrs } from './common';

export const conv1dOnnx = defineOnnxEmitter<Conv1DParams>({
  kind: 'Conv1D',
  check: (n) => unsupportedActivation(n.params.activation),
  emit(n, ins, g) {
    const p = n.params;
    let x = g.transpose(ins[0][0], [0, 2, 1], `${n.name}_ncw`);
    if (p.padding === 'causal') {
      const left = (p.kernelSize - 1) * p.dilationRate;
      x = g.op1('Pad', [x, g.ints([0, 0, left, 0, 0, 0])], `${n.name}_causalpad`, [attr.string('mode', 'constant')]);
    }
    const k = g.weightArray(n, 'kernel');
    const w = transpose(k.data, k.shape, [2, 1, 0]);
    const attrs = [
      attr.ints('kernel_shape', [p.kernelSize]),
      attr.ints('strides', [p.strides]),
      attr.ints('dilations', [p.dilationRate]),
      ...paddingAttrs(p.padding, [n.inputShapes[0][0][0]], p.kernelSize, p.strides, p.dilationRate),
    ];
    const y = g.op1('Conv', [x, g.initializer(`${n.name}/W`, w.shape, w.data), g.weight(n, 'bias')], `${n.name}_conv`, attrs);
    return [activate(g, g.transpose(y, [0, 2, 1], `${n.name}_nwc`), p.activation, n.name)];
  },
});
