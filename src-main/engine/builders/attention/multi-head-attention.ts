// Engine side of 'MultiHeadAttention': one LayerLabMultiHeadAttention layer over [query, value(, key)].
import { defineBuilder } from '../../types';
import { attentionInputs } from './roles';
import type { MultiHeadAttentionParams } from '../../../../shared/layers/attention/multi-head-attention';
import { MultiHeadAttentionLayer } from '../../custom/multi-head-attention';

export const multiHeadAttentionBuilder = defineBuilder<MultiHeadAttentionParams>({
  kind: 'MultiHeadAttention',
  build(inputs, p, ctx) {
    const [query] = inputs[0];
    const [value] = inputs[1];
    const key = inputs[2]?.[0];
    const layer = new MultiHeadAttentionLayer({ name: ctx.name, ...p });
    return [layer.apply(attentionInputs(query, value, key, ctx.tf, ctx.name)) as typeof query];
  },
});
