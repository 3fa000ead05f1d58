// SimpleRNN, LSTM and GRU -> the ONNX RNN / LSTM / GRU operators (time-major, so Transpose in and out), with
// the gate order converted (rnn-weights.ts), optional initial states (h0, c0) and the final states as outputs.
import type { RnnKind, RnnParams } from '../../../../shared/layers/recurrent/rnn-common';
import { attr } from '../context';
import { defineOnnxEmitter, type OnnxEmitter } from '../types';
import { ONNX_RNN_ACTIVATION, ONNX_RNN_OP, convertRnnWeights, rnnActivations } from './rnn-weights';

export function unsupportedRnnActivation(activation: string): string | null {
  return ONNX_RNN_ACTIVATION[activation]
    ? null
    : `recurrent activation '${activation}' has no ONNX RNN activation onnxruntime runs (supported: ${Object.keys(ONNX_RNN_ACTIVATION).join(', ')})`;
}

function rnnOnnx(kind: RnnKind): OnnxEmitter<RnnParams> {
  return defineOnnxEmitter<RnnParams>({
    kind,
    check: (n) => unsupportedRnnActivation(n.params.activation),
    emit(n, ins, g) {
      const p = n.params;
      const w = convertRnnWeights(kind, g.weightArray(n, 'kernel'), g.weightArray(n, 'recurrent_kernel'), g.weightArray(n, 'bias'));
      const gu = w.R.length / p.units;
      const features = w.W.length / gu;
      const inputs = [
        g.transpose(ins[0][0], [1, 0, 2], `${n.name}_time_major`),
        g.initializer(`${n.name}/W`, [1, gu, features], w.W),
        g.initializer(`${n.name}/R`, [1, gu, p.units], w.R),
        g.initializer(`${n.name}/B`, [1, 2 * gu], w.B),
        '',
      ];
      const states = kind === 'LSTM' ? 2 : 1;
      for (let s = 0; s < states; s++) {
        const wired = p.useInitialState ? ins[s + 1]?.[0] : undefined;
        inputs.push(wired ? g.unsqueeze(wired, [0], `${n.name}_state${s}_in`) : '');
      }
      while (inputs[inputs.length - 1] === '') inputs.pop();
      const attrs = [attr.int('hidden_size', p.units), attr.strings('activations', rnnActivations(kind, p.activation))];
      if (kind === 'GRU') attrs.push(attr.int('linear_before_reset', 0));
      const [y, yh, yc] = g.op(ONNX_RNN_OP[kind], inputs, `${n.name}_${kind.toLowerCase()}`, attrs, states + 1);
      const out = p.returnSequences ? g.transpose(g.squeeze(y, [1], `${n.name}_y`), [1, 0, 2], n.name) : g.squeeze(yh, [0], n.name);
      if (!p.returnState) return [out];
      const h = g.squeeze(yh, [0], `${n.name}_h`);
      return kind === 'LSTM' ? [out, h, g.squeeze(yc, [0], `${n.name}_c`)] : [out, h];
    },
  });
}

export const simpleRnnOnnx = rnnOnnx('SimpleRNN');
export const lstmOnnx = rnnOnnx('LSTM');
export const gruOnnx = rnnOnnx('GRU');
