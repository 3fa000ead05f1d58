// TiedDense -> an nn.Linear whose weight IS the tied nn.Embedding's ([vocab, d] in both, so no transpose):
// `self.lm_head.weight = self.wte.weight`. model.parameters() then holds the matrix once, as LayerLab counts it.
import type { TiedDenseParams } from '../../../../shared/layers/recurrent/tied-dense';
import { ExportError } from '../../codegen/plan';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';

export const tiedDensePy = definePyGenerator<TiedDenseParams>({
  kind: 'TiedDense',
  generate(n) {
    const p = n.params;
    const emb = n.links.tiedTo;
    if (!emb) throw new ExportError(`TiedDense (${n.node.id}) names no Embedding to reuse`, n.node.id);
    return {
      init: [
        `self.${n.name} = nn.Linear(${emb.params.outputDim}, ${emb.params.inputDim}, bias=${p.useBias ? 'True' : 'False'})`,
        `self.${n.name}.weight = self.${emb.name}.weight  # tied: one matrix, used by both and trained by both`,
        // nn.Embedding's N(0, 1) start would make the tied head's first scores huge (initial loss ~3x ln(vocab)).
        `nn.init.uniform_(self.${emb.name}.weight, -0.05, 0.05)  # tfjs's Embedding initialisation`,
      ],
      forward: [`${n.outputVars[0]} = ${activationExpr(p.activation, `self.${n.name}(${n.inputVars[0][0]})`, n.node.id)}`],
      // The state_dict lists the shared matrix under both names; both load from the Embedding's tfjs table.
      weights: [
        { tfjs: 'embeddings', node: emb.node.id, torch: `${n.name}.weight` },
        ...(p.useBias ? [{ tfjs: 'bias', torch: `${n.name}.bias` }] : []),
      ],
    };
  },
});
