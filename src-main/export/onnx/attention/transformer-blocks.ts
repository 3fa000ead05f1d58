// TransformerEncoderBlock / TransformerDecoderBlock: N blocks of (causal, for the decoder) self-attention,
// cross-attention on the memory (decoder, when wired) and a feed-forward net, each in a residual with
// LayerNormalization (post-norm LN(x + f(x)) or pre-norm x + f(LN(x))), epsilon 1e-5 as LayerLab's blocks.
import type { TransformerBlockParams } from '../../../../shared/layers/attention/transformer-block-params';
import type { PlannedNode } from '../../codegen/plan';
import { LAYER_NORM_EPSILON } from '../../../engine/custom/transformer';
import { attr, type OnnxGraphContext } from '../context';
import { defineOnnxEmitter, type OnnxEmitter } from '../types';
import { geluTanh } from '../activations';
import { causalMask, knownSteps, mhaInitializers, multiHeadAttention, requireSteps } from './subgraphs';

const FF_ACTIVATIONS: Record<string, (g: OnnxGraphContext, x: string, base: string) => string> = {
  relu: (g, x, base) => g.op1('Relu', [x], base),
  gelu: geluTanh,
  tanh: (g, x, base) => g.op1('Tanh', [x], base),
  sigmoid: (g, x, base) => g.op1('Sigmoid', [x], base),
  linear: (_g, x) => x,
};

function layerNorm(g: OnnxGraphContext, n: PlannedNode, x: string, prefix: string, base: string): string {
  return g.op1('LayerNormalization', [x, g.weight(n, `${prefix}/gamma`), g.weight(n, `${prefix}/beta`)], base, [
    attr.int('axis', -1),
    attr.float('epsilon', LAYER_NORM_EPSILON),
  ]);
}

function transformerOnnx(kind: 'TransformerEncoderBlock' | 'TransformerDecoderBlock'): OnnxEmitter<TransformerBlockParams> {
  const decoder = kind === 'TransformerDecoderBlock';
  return defineOnnxEmitter<TransformerBlockParams>({
    kind,
    check(n) {
      if (!FF_ACTIVATIONS[n.params.activation]) return `feed-forward activation '${n.params.activation}' is not one of ${Object.keys(FF_ACTIVATIONS).join(', ')}`;
      if (decoder && knownSteps(n.inputShapes[0][0]) === null) return 'the causal self-attention mask needs a fixed sequence length';
      return null;
    },
    emit(n, ins, g) {
      const p = n.params;
      const shape = n.inputShapes[0][0];
      const d = shape[shape.length - 1] as number;
      const headDim = p.keyDim > 0 ? p.keyDim : d / p.heads;
      const memory = decoder ? ins[1]?.[0] : undefined;
      const steps = decoder ? requireSteps(n, shape, 'the causal mask') : 0;
      const selfMask = decoder ? causalMask(g, steps, steps) : null;
      const residual = (x: string, norm: string, base: string, f: (h: string) => string): string => {
        if (p.normFirst) return g.op1('Add', [x, f(layerNorm(g, n, x, norm, `${base}_norm`))], base);
        return layerNorm(g, n, g.op1('Add', [x, f(x)], `${base}_sum`), norm, base);
      };
      let x = ins[0][0];
      for (let i = 0; i < p.layers; i++) {
        const b = `block${i}`;
        const base = `${n.name}_${b}`;
        const heads = { heads: p.heads, headKeyDim: headDim, headValueDim: headDim };
        const selfW = mhaInitializers(g, n, `${b}/self_attention`, true);
        x = residual(x, `${b}/self_attention_norm`, `${base}_self`, (h) => multiHeadAttention(g, selfW, { ...heads, mask: selfMask }, h, h, h, `${base}_self_attention`));
        if (memory) {
          const crossW = mhaInitializers(g, n, `${b}/cross_attention`, true);
          x = residual(x, `${b}/cross_attention_norm`, `${base}_cross`, (h) => multiHeadAttention(g, crossW, { ...heads, mask: null }, h, memory, memory, `${base}_cross_attention`));
        }
        x = residual(x, `${b}/ff_norm`, i === p.layers - 1 ? n.name : `${base}_ff`, (h) => {
          const hidden = g.linear(h, 3, g.weight(n, `${b}/ff1/kernel`), g.weight(n, `${b}/ff1/bias`), `${base}_ff1`);
          const act = FF_ACTIVATIONS[p.activation](g, hidden, `${base}_ff_act`);
          return g.linear(act, 3, g.weight(n, `${b}/ff2/kernel`), g.weight(n, `${b}/ff2/bias`), `${base}_ff2`);
        });
      }
      return [x];
    },
  });
}

export const transformerEncoderBlockOnnx = transformerOnnx('TransformerEncoderBlock');
export const transformerDecoderBlockOnnx = transformerOnnx('TransformerDecoderBlock');
