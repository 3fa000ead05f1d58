// TransformerEncoderBlock / TransformerDecoderBlock -> a loop over `layers` blocks of Keras layers:
// MultiHeadAttention (causal in the decoder), cross-attention when memory is wired, Dense feed-forward,
// LayerNormalization(epsilon=1e-5), residuals and dropout; pre- or post-norm as in LayerLab.
import type { TransformerBlockParams } from '../../../../shared/layers/attention/transformer-block-params';
import { resolveFfDim } from '../../../../shared/layers/attention/transformer-block-params';
import { ExportError } from '../../codegen/plan';
import { defineKerasGenerator, type KerasGenerator } from '../types';
import { lastDimOf } from './shape';
import { indentLines, kerasFfActivation } from './common';

function blockKeras(kind: 'TransformerEncoderBlock' | 'TransformerDecoderBlock'): KerasGenerator<TransformerBlockParams> {
  const decoder = kind === 'TransformerDecoderBlock';
  return defineKerasGenerator<TransformerBlockParams>({
    kind,
    generate(n) {
      const p = n.params;
      const d = lastDimOf(n, 0);
      const memory = decoder ? n.inputVars[1]?.[0] : undefined;
      if (p.keyDim === 0 && d % p.heads !== 0) throw new ExportError(`${kind} (${n.node.id}): d = ${d} is not divisible by heads = ${p.heads}; set keyDim`, n.node.id);
      const headDim = p.keyDim > 0 ? p.keyDim : d / p.heads;
      const act = kerasFfActivation(p.activation);
      if (!act) throw new ExportError(`${kind} (${n.node.id}): feed-forward activation '${p.activation}' has no Keras equivalent in the exporter`, n.node.id);
      const out = n.outputVars[0];
      const sub = (label: string, f: string[]) =>
        p.normFirst
          ? [
              `h = layers.LayerNormalization(epsilon=1e-5, name=f"${n.name}_b{i}_${label}_norm")(${out})`,
              ...f,
              `${out} = layers.Add()([${out}, layers.Dropout(${p.dropout})(h)])`,
            ]
          : [`h = ${out}`, ...f, `${out} = layers.LayerNormalization(epsilon=1e-5, name=f"${n.name}_b{i}_${label}_norm")(layers.Add()([${out}, layers.Dropout(${p.dropout})(h)]))`];
      const mha = (label: string) =>
        `layers.MultiHeadAttention(num_heads=${p.heads}, key_dim=${headDim}, dropout=${p.dropout}, name=f"${n.name}_b{i}_${label}")`;
      const body = [
        ...sub('self_attention', [`h = ${mha('self_attention')}(h, h${decoder ? ', use_causal_mask=True' : ''})`]),
        ...(memory ? sub('cross_attention', [`h = ${mha('cross_attention')}(h, ${memory})`]) : []),
        ...sub('ff', [
          `h = layers.Dense(${resolveFfDim(d, p.ffDim)}, activation=${act}, name=f"${n.name}_b{i}_ff1")(h)`,
          `h = layers.Dense(${d}, name=f"${n.name}_b{i}_ff2")(h)`,
        ]),
      ];
      return {
        lines: [
          `${out} = ${n.inputVars[0][0]}  # ${p.layers} x ${decoder ? 'decoder' : 'encoder'} block, ${p.normFirst ? 'pre' : 'post'}-norm`,
          `for i in range(${p.layers}):`,
          ...indentLines(body, 4),
        ],
      };
    },
  });
}

export const transformerEncoderBlockKeras = blockKeras('TransformerEncoderBlock');
export const transformerDecoderBlockKeras = blockKeras('TransformerDecoderBlock');
