// Engine side of 'PositionalEncoding'.
import { defineBuilder } from '../../types';
import type { PositionalEncodingParams } from '../../../../shared/layers/attention/positional-encoding';
import { PositionalEncodingLayer, type PositionalEncodingConfig } from '../../custom/positional';

export const positionalEncodingBuilder = defineBuilder<PositionalEncodingParams>({
  kind: 'PositionalEncoding',
  build(inputs, p, ctx) {
    const [x] = inputs[0];
    const layer = new PositionalEncodingLayer({ name: ctx.name, mode: p.mode as PositionalEncodingConfig['mode'], maxLength: p.maxLength });
    return [layer.apply(x) as typeof x];
  },
});
