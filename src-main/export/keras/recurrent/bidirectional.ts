// Bidirectional(SimpleRNN | LSTM | GRU) -> layers.Bidirectional around the Keras cell layer.
import type { BidirectionalParams } from '../../../../shared/layers/recurrent/bidirectional';
import { applyLine, defineKerasGenerator, pyBool } from '../types';
import { pyString } from '../../codegen/escape';

export const bidirectionalKeras = defineKerasGenerator<BidirectionalParams>({
  kind: 'Bidirectional',
  generate(n) {
    const p = n.params;
    const inner = `layers.${p.cell}(${p.units}, return_sequences=${pyBool(p.returnSequences)}${p.cell === 'GRU' ? ', reset_after=False' : ''})`;
    return { lines: [applyLine(n, 'Bidirectional', [inner, `merge_mode=${pyString(p.mergeMode)}`])] };
  },
});
