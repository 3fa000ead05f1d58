// Every head's attention weights inside a transformer encoder/decoder stack (one tfjs layer holding N blocks),
// for given inputs. The input to block i is found by running the layer's own first i blocks (its own code, in
// inference mode), so nothing of the block's maths is re-implemented here except reading Q and K.
import type * as tfTypes from '@tensorflow/tfjs';
import { mhaAttentionWeights, type MhaProjections } from '../engine/attention-weights';
import { layerNorm } from '../engine/custom/transformer';
import { mhaForward, type MhaWeights } from '../engine/custom/multi-head-attention';
import type { TF } from '../engine/types';

interface NormWeights {
  gamma: tfTypes.LayerVariable;
  beta: tfTypes.LayerVariable;
}
interface BlockInternals {
  selfAttention: MhaProjections;
  selfNorm: NormWeights;
  crossAttention?: MhaProjections;
  crossNorm?: NormWeights;
}
interface StackInternals {
  cfg: { normFirst: boolean };
  blocks: BlockInternals[];
  runBlocks(x: tfTypes.Tensor, memory: tfTypes.Tensor | null, causal: boolean, training: boolean): tfTypes.Tensor;
  residual(x: tfTypes.Tensor, norm: NormWeights, training: boolean, f: (h: tfTypes.Tensor) => tfTypes.Tensor): tfTypes.Tensor;
}

export const TRANSFORMER_CLASSES: Record<string, { causal: boolean }> = {
  LayerLabTransformerEncoder: { causal: false },
  LayerLabTransformerDecoder: { causal: true },
};

/** Per block: self-attention [n, heads, T, T] and, in a decoder with memory, cross-attention [n, heads, T, Tm]. */
export function transformerAttention(
  tf: TF,
  layer: tfTypes.layers.Layer,
  x: tfTypes.Tensor,
  memory: tfTypes.Tensor | null,
): { name: string; weights: tfTypes.Tensor }[] {
  const stack = layer as unknown as StackInternals;
  const { causal } = TRANSFORMER_CLASSES[layer.getClassName()];
  const all = stack.blocks;
  const out: { name: string; weights: tfTypes.Tensor }[] = [];
  const normed = (t: tfTypes.Tensor, n: NormWeights) => (stack.cfg.normFirst ? layerNorm(t, n.gamma.read(), n.beta.read()) : t);
  try {
    for (let i = 0; i < all.length; i++) {
      const b = all[i];
      const blockOut = tf.tidy(() => {
        stack.blocks = all.slice(0, i);
        const input = stack.runBlocks(x, memory, causal, false);
        const h = normed(input, b.selfNorm);
        const found = [{ name: `block ${i + 1} self-attention`, weights: mhaAttentionWeights(tf, b.selfAttention, h, h, causal) }];
        if (b.crossAttention && b.crossNorm && memory) {
          // The self-attention sub-layer as runBlocks computes it (no dropout at inference), then the cross one's input.
          const afterSelf = stack.residual(input, b.selfNorm, false, (q) => mhaForward(b.selfAttention as MhaWeights, q, q, q, { causal, dropout: 0, training: false }));
          const hc = normed(afterSelf, b.crossNorm);
          found.push({ name: `block ${i + 1} cross-attention`, weights: mhaAttentionWeights(tf, b.crossAttention, hc, memory, false) });
        }
        return found;
      });
      out.push(...blockOut);
    }
  } finally {
    stack.blocks = all;
  }
  return out;
}
