// Engine side of 'TransformerEncoderBlock': one layer holding `layers` stacked blocks.
import { defineBuilder } from '../../types';
import type { TransformerBlockParams } from '../../../../shared/layers/attention/transformer-block-params';
import { TransformerEncoderLayer } from '../../custom/transformer';

export const transformerEncoderBlockBuilder = defineBuilder<TransformerBlockParams>({
  kind: 'TransformerEncoderBlock',
  build(inputs, p, ctx) {
    const [x] = inputs[0];
    return [new TransformerEncoderLayer({ name: ctx.name, ...p }).apply(x) as typeof x];
  },
});
