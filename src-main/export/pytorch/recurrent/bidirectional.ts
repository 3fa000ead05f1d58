// Bidirectional(SimpleRNN | LSTM | GRU) -> the KerasBidirectional helper (two KerasRNN layers).
import type { BidirectionalParams } from '../../../../shared/layers/recurrent/bidirectional';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';
import { pyString } from '../../codegen/escape';

export const bidirectionalPy = definePyGenerator<BidirectionalParams>({
  kind: 'Bidirectional',
  generate(n) {
    const p = n.params;
    const features = lastDim(n.inputShapes[0][0], n);
    return {
      init: [
        `self.${n.name} = KerasBidirectional(${pyString(p.cell)}, ${features}, ${p.units}, merge_mode=${pyString(p.mergeMode)}, ` +
          `return_sequences=${p.returnSequences ? 'True' : 'False'})`,
      ],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
      helpers: ['KerasBidirectional'],
      // tfjs names the wrapped layers forward_<layer>_<cell> and backward_<layer>_<cell> ({layer} = tfjs layer name).
      weights: (['forward', 'backward'] as const).flatMap((dir) =>
        ['kernel', 'recurrent_kernel', 'bias'].map((w) => ({
          tfjs: `${dir}_{layer}_${p.cell.toLowerCase()}/${w}`,
          torch: `${n.name}.${dir}_layer.${w}`,
        })),
      ),
    };
  },
});
