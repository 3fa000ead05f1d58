// Bidirectional -> one ONNX RNN / LSTM / GRU with direction 'bidirectional' (forward then backward weights),
// its two directions merged as Keras does: concat (forward first), sum, ave or mul.
import type { BidirectionalParams } from '../../../../shared/layers/recurrent/bidirectional';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';
import { ONNX_RNN_OP, convertRnnWeights, rnnActivations, stackDirections } from './rnn-weights';

export const bidirectionalOnnx = defineOnnxEmitter<BidirectionalParams>({
  kind: 'Bidirectional',
  emit(n, ins, g) {
    const p = n.params;
    const dirs = ['forward', 'backward'].map((d) => {
      const prefix = g.weightPrefix(n, d);
      return convertRnnWeights(p.cell, g.weightArray(n, `${prefix}/kernel`), g.weightArray(n, `${prefix}/recurrent_kernel`), g.weightArray(n, `${prefix}/bias`));
    });
    const gu = dirs[0].R.length / p.units;
    const features = dirs[0].W.length / gu;
    const inputs = [
      g.transpose(ins[0][0], [1, 0, 2], `${n.name}_time_major`),
      g.initializer(`${n.name}/W`, [2, gu, features], stackDirections(dirs.map((d) => d.W))),
      g.initializer(`${n.name}/R`, [2, gu, p.units], stackDirections(dirs.map((d) => d.R))),
      g.initializer(`${n.name}/B`, [2, 2 * gu], stackDirections(dirs.map((d) => d.B))),
    ];
    const attrs = [
      attr.int('hidden_size', p.units),
      attr.string('direction', 'bidirectional'),
      attr.strings('activations', [...rnnActivations(p.cell, 'tanh'), ...rnnActivations(p.cell, 'tanh')]),
    ];
    if (p.cell === 'GRU') attrs.push(attr.int('linear_before_reset', 0));
    const [y, yh] = g.op(ONNX_RNN_OP[p.cell], inputs, `${n.name}_${p.cell.toLowerCase()}`, attrs, p.cell === 'LSTM' ? 3 : 2);
    // Batch first with the direction axis just before the units: [B, T, 2, U] or [B, 2, U].
    const both = p.returnSequences ? g.transpose(y, [2, 0, 1, 3], `${n.name}_dirs`) : g.transpose(yh, [1, 0, 2], `${n.name}_dirs`);
    const keep = p.returnSequences ? [0, 0] : [0];
    switch (p.mergeMode) {
      case 'concat':
        return [g.reshape(both, [...keep, -1], n.name)];
      case 'sum':
        return [g.op1('ReduceSum', [both, g.ints([-2])], n.name, [attr.int('keepdims', 0)])];
      case 'ave':
        return [g.op1('ReduceMean', [both], n.name, [attr.ints('axes', [-2]), attr.int('keepdims', 0)])];
      default:
        return [g.op1('ReduceProd', [both], n.name, [attr.ints('axes', [-2]), attr.int('keepdims', 0)])];
    }
  },
});
