// Conv1D. 'causal' is built as CausalPad1D((k - 1) * d) + a 'valid' conv, because tfjs's own causal
// padding throws at run time; the weights and the parameter count are those of a plain conv1d.
import { defineBuilder, type SymbolicTensor } from '../../types';
import type { Conv1DParams } from '../../../../shared/layers/conv/conv1d';
import { dilatedSpan } from '../../../../shared/layers/conv/common';
import { causalPad1DClass } from '../../custom/conv-causal-pad';

export const conv1dBuilder = defineBuilder<Conv1DParams>({
  kind: 'Conv1D',
  build(inputs, p, { tf, name }) {
    let x = inputs[0][0];
    const causal = p.padding === 'causal';
    if (causal) {
      const CausalPad1D = causalPad1DClass(tf);
      const pad = new CausalPad1D({ padding: dilatedSpan(p.kernelSize, p.dilationRate) - 1, name: `${name}_causalpad` });
      x = pad.apply(x) as SymbolicTensor;
    }
    const layer = tf.layers.conv1d({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: causal ? 'valid' : p.padding,
      dilationRate: p.dilationRate,
      activation: p.activation,
      name,
    });
    return [layer.apply(x) as SymbolicTensor];
  },
});
