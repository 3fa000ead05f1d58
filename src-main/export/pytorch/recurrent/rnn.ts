// SimpleRNN, LSTM and GRU -> the KerasRNN helper (tfjs weight layout and maths, one bias vector, so the
// parameter count equals LayerLab's; see helpers.ts for why torch.nn.LSTM/GRU are not used).
import type { RnnKind, RnnParams } from '../../../../shared/layers/recurrent/rnn-common';
import { definePyGenerator, type PyGenerator } from '../types';
import { activationFn } from '../activations';
import { lastDim } from '../shape';
import { pyString } from '../../codegen/escape';

function rnnPy(kind: RnnKind): PyGenerator<RnnParams> {
  return definePyGenerator<RnnParams>({
    kind,
    generate(n) {
      const p = n.params;
      const features = lastDim(n.inputShapes[0][0], n);
      const states = n.inputVars.slice(1).map((vars) => vars[0]).filter((v): v is string => v !== undefined);
      const call = `self.${n.name}(${n.inputVars[0][0]}${states.length ? `, [${states.join(', ')}]` : ''})`;
      const [out, ...stateOuts] = n.outputVars;
      const forward = stateOuts.length
        ? [`${out}, (${stateOuts.join(', ')}${stateOuts.length === 1 ? ',' : ''}) = ${call}`]
        : [`${out}, _ = ${call}`];
      return {
        init: [
          `self.${n.name} = KerasRNN(${pyString(kind)}, ${features}, ${p.units}, activation=${activationFn(p.activation, n.node.id)}, ` +
            `return_sequences=${p.returnSequences ? 'True' : 'False'})`,
        ],
        forward,
        helpers: ['KerasRNN'],
        weights: [
          { tfjs: 'kernel', torch: `${n.name}.kernel` },
          { tfjs: 'recurrent_kernel', torch: `${n.name}.recurrent_kernel` },
          { tfjs: 'bias', torch: `${n.name}.bias` },
        ],
      };
    },
  });
}

export const simpleRnnPy = rnnPy('SimpleRNN');
export const lstmPy = rnnPy('LSTM');
export const gruPy = rnnPy('GRU');
