// MultiHeadAttention -> layers.MultiHeadAttention (the same weights and count as LayerLab's).
import type { MultiHeadAttentionParams } from '../../../../shared/layers/attention/multi-head-attention';
import { defineKerasGenerator, kerasName, pyBool } from '../types';
import { qvk } from './common';

export const multiHeadAttentionKeras = defineKerasGenerator<MultiHeadAttentionParams>({
  kind: 'MultiHeadAttention',
  generate(n) {
    const p = n.params;
    const { q, v, k } = qvk(n);
    const args = [`num_heads=${p.heads}`, `key_dim=${p.keyDim}`];
    if (p.valueDim > 0) args.push(`value_dim=${p.valueDim}`);
    args.push(`dropout=${p.dropout}`, `use_bias=${pyBool(p.useBias)}`, `name=${kerasName(n)}`);
    const call = [q, v, ...(k ? [`key=${k}`] : []), ...(p.causal ? ['use_causal_mask=True'] : [])];
    return { lines: [`${n.outputVars[0]} = layers.MultiHeadAttention(${args.join(', ')})(${call.join(', ')})`] };
  },
});
