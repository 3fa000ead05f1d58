// PositionalEncoding -> the LayerLabPositionalEncoding helper (sinusoidal: no weights; learned: a table).
import type { PositionalEncodingParams } from '../../../../shared/layers/attention/positional-encoding';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';
import './helpers';
import { pyString } from '../../codegen/escape';

export const positionalEncodingPy = definePyGenerator<PositionalEncodingParams>({
  kind: 'PositionalEncoding',
  generate(n) {
    const p = n.params;
    const d = lastDim(n.inputShapes[0][0], n);
    return {
      init: [`self.${n.name} = LayerLabPositionalEncoding(${pyString(p.mode)}, ${p.maxLength}, ${d})`],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
      helpers: ['LayerLabPositionalEncoding'],
      weights: p.mode === 'learned' ? [{ tfjs: 'embeddings', torch: `${n.name}.embeddings` }] : [],
    };
  },
});
