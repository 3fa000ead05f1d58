// MultiHeadAttention -> the LayerLabMHA helper (Keras-style 2-D kernels, the same count as LayerLab).
import type { MultiHeadAttentionParams } from '../../../../shared/layers/attention/multi-head-attention';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';
import { mhaWeights, qvkArgs } from './common';
import './helpers';

export const multiHeadAttentionPy = definePyGenerator<MultiHeadAttentionParams>({
  kind: 'MultiHeadAttention',
  generate(n) {
    const p = n.params;
    const dq = lastDim(n.inputShapes[0][0], n);
    const dv = lastDim(n.inputShapes[1][0], n);
    const dk = lastDim(n.inputShapes[2]?.[0] ?? n.inputShapes[1][0], n);
    const headValue = p.valueDim > 0 ? p.valueDim : p.keyDim;
    const b = (x: boolean) => (x ? 'True' : 'False');
    return {
      init: [
        `self.${n.name} = LayerLabMHA(${dq}, ${dk}, ${dv}, heads=${p.heads}, head_key_dim=${p.keyDim}, head_value_dim=${headValue}, ` +
          `use_bias=${b(p.useBias)}, causal=${b(p.causal)}, dropout=${p.dropout})`,
      ],
      forward: [`${n.outputVars[0]} = self.${n.name}(${qvkArgs(n)})`],
      helpers: ['LayerLabMHA'],
      weights: mhaWeights('mha/', n.name, p.useBias),
    };
  },
});
