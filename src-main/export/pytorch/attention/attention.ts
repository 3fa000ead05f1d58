// Attention (dot / scaled / additive, soft or hard, causal) -> the LayerLabAttention helper.
import type { AttentionParams } from '../../../../shared/layers/attention/attention';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';
import { qvkArgs } from './common';
import './helpers';
import { pyString } from '../../codegen/escape';

export const attentionPy = definePyGenerator<AttentionParams>({
  kind: 'Attention',
  generate(n) {
    const p = n.params;
    const dq = lastDim(n.inputShapes[0][0], n);
    const keyShape = n.inputShapes[2]?.[0] ?? n.inputShapes[1][0];
    const dk = lastDim(keyShape, n);
    const [out, scores] = n.outputVars;
    return {
      init: [
        `self.${n.name} = LayerLabAttention(${pyString(p.score)}, ${pyString(p.mode)}, ${p.causal ? 'True' : 'False'}, ${dq}, ${dk}, units=${p.units})`,
      ],
      forward: [`${out}, ${scores ?? '_'} = self.${n.name}(${qvkArgs(n)})`],
      helpers: ['LayerLabAttention'],
      weights:
        p.score === 'additive'
          ? [
              { tfjs: 'W1', torch: `${n.name}.W1` },
              { tfjs: 'W2', torch: `${n.name}.W2` },
              { tfjs: 'v', torch: `${n.name}.v` },
            ]
          : [],
    };
  },
});
