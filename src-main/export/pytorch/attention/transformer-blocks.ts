// TransformerEncoderBlock and TransformerDecoderBlock -> the LayerLabTransformerStack helper: `layers` blocks,
// each self-attention (causal in the decoder), cross-attention when a decoder's memory is wired, feed-forward.
import type { TransformerBlockParams } from '../../../../shared/layers/attention/transformer-block-params';
import { resolveFfDim } from '../../../../shared/layers/attention/transformer-block-params';
import { ExportError, type PlannedNode } from '../../codegen/plan';
import { definePyGenerator, type PyGenerator, type WeightMapping } from '../types';
import { lastDim } from '../shape';
import { ffActivationFn, mhaWeights } from './common';
import './helpers';

function blockWeights(n: PlannedNode, layers: number, cross: boolean): WeightMapping[] {
  const out: WeightMapping[] = [];
  for (let i = 0; i < layers; i++) {
    const t = `block${i}/`;
    const m = `${n.name}.blocks.${i}`;
    const norm = (name: string) => [
      { tfjs: `${t}${name}/gamma`, torch: `${m}.${name}.weight` },
      { tfjs: `${t}${name}/beta`, torch: `${m}.${name}.bias` },
    ];
    out.push(...mhaWeights(`${t}self_attention/`, `${m}.self_attention`, true), ...norm('self_attention_norm'));
    if (cross) out.push(...mhaWeights(`${t}cross_attention/`, `${m}.cross_attention`, true), ...norm('cross_attention_norm'));
    out.push(
      { tfjs: `${t}ff1/kernel`, torch: `${m}.ff1.weight`, permute: [1, 0] },
      { tfjs: `${t}ff1/bias`, torch: `${m}.ff1.bias` },
      { tfjs: `${t}ff2/kernel`, torch: `${m}.ff2.weight`, permute: [1, 0] },
      { tfjs: `${t}ff2/bias`, torch: `${m}.ff2.bias` },
      ...norm('ff_norm'),
    );
  }
  return out;
}

function blockPy(kind: 'TransformerEncoderBlock' | 'TransformerDecoderBlock'): PyGenerator<TransformerBlockParams> {
  const decoder = kind === 'TransformerDecoderBlock';
  return definePyGenerator<TransformerBlockParams>({
    kind,
    generate(n) {
      const p = n.params;
      const d = lastDim(n.inputShapes[0][0], n);
      const memoryVar = decoder ? n.inputVars[1]?.[0] : undefined;
      const memoryDim = memoryVar ? lastDim(n.inputShapes[1][0], n) : null;
      if (p.keyDim === 0 && d % p.heads !== 0) throw new ExportError(`${kind} (${n.node.id}): d = ${d} is not divisible by heads = ${p.heads}; set keyDim`, n.node.id);
      const headDim = p.keyDim > 0 ? p.keyDim : d / p.heads;
      const act = ffActivationFn(p.activation);
      if (!act) throw new ExportError(`${kind} (${n.node.id}): feed-forward activation '${p.activation}' has no PyTorch equivalent in the exporter`, n.node.id);
      return {
        init: [
          `self.${n.name} = LayerLabTransformerStack(${p.layers}, d=${d}, heads=${p.heads}, head_dim=${headDim}, ff_dim=${resolveFfDim(d, p.ffDim)}, ` +
            `dropout=${p.dropout}, norm_first=${p.normFirst ? 'True' : 'False'}, activation=${act}, causal=${decoder ? 'True' : 'False'}, ` +
            `memory_dim=${memoryDim ?? 'None'})`,
        ],
        forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]}${memoryVar ? `, ${memoryVar}` : ''})`],
        helpers: ['LayerLabTransformerStack'],
        weights: blockWeights(n, p.layers, memoryVar !== undefined),
      };
    },
  });
}

export const transformerEncoderBlockPy = blockPy('TransformerEncoderBlock');
export const transformerDecoderBlockPy = blockPy('TransformerDecoderBlock');
