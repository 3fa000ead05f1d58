// Bidirectional(SimpleRNN | LSTM | GRU) -> the KerasBidirectional helper (two KerasRNN layers).
import type { BidirectionalParams } from '../../../../shared/layers/recurrent/bidirectional';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';

export const bidirectionalPy = definePyGenerator<BidirectionalParams>({
  kind: 'Bidirectional',
  generate(n) {
    const p = n.params;
    const features = lastDim(n.inputShapes[0][0], n);
    return {
      init: [
        `self.${n.name} = KerasBidirectional("${p.cell}", ${features}, ${p.units}, merge_mode="${p.mergeMode}", ` +
          `return_sequences=${p.returnSequences ? 'True' : 'False'})`,
      ],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
      helpers: ['KerasBidirectional'],
    };
  },
});
