// Engine side of 'Attention': one LayerLabAttention layer over [query, value(, key)].
import { defineBuilder } from '../../types';
import { attentionInputs } from './roles';
import type { AttentionParams } from '../../../../shared/layers/attention/attention';
import { AttentionLayer, type AttentionMode, type ScoreName } from '../../custom/attention';

export const attentionBuilder = defineBuilder<AttentionParams>({
  kind: 'Attention',
  build(inputs, p, ctx) {
    const [query] = inputs[0];
    const [value] = inputs[1];
    const key = inputs[2]?.[0];
    const layer = new AttentionLayer({
      name: ctx.name,
      mode: p.mode as AttentionMode,
      score: p.score as ScoreName,
      units: p.units,
      causal: p.causal,
      returnScores: p.returnScores,
    });
    const out = layer.apply(attentionInputs(query, value, key, ctx.tf, ctx.name));
    return Array.isArray(out) ? (out as typeof query[]) : [out as typeof query];
  },
});
