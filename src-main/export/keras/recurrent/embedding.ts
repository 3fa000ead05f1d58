// Embedding -> layers.Embedding (mask_zero as in LayerLab).
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';
import { applyLine, defineKerasGenerator, pyBool } from '../types';

export const embeddingKeras = defineKerasGenerator<EmbeddingParams>({
  kind: 'Embedding',
  generate: (n) => ({ lines: [applyLine(n, 'Embedding', [String(n.params.inputDim), String(n.params.outputDim), `mask_zero=${pyBool(n.params.maskZero)}`])] }),
});
