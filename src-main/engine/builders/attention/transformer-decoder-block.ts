// Engine side of 'TransformerDecoderBlock': causal self-attention, cross-attention when 'memory' is wired.
import { defineBuilder } from '../../types';
import type { TransformerBlockParams } from '../../../../shared/layers/attention/transformer-block-params';
import { TransformerDecoderLayer } from '../../custom/transformer';

export const transformerDecoderBlockBuilder = defineBuilder<TransformerBlockParams>({
  kind: 'TransformerDecoderBlock',
  build(inputs, p, ctx) {
    const [x] = inputs[0];
    const memory = inputs[1]?.[0];
    const layer = new TransformerDecoderLayer({ name: ctx.name, ...p });
    return [layer.apply(memory ? [x, memory] : x) as typeof x];
  },
});
