// LayerNormalization -> layers.LayerNormalization.
import type { LayerNormalizationParams } from '../../../../shared/layers/core/layerNormalization';
import { applyLine, defineKerasGenerator } from '../types';

export const layerNormalizationKeras = defineKerasGenerator<LayerNormalizationParams>({
  kind: 'LayerNormalization',
  generate: (n) => ({ lines: [applyLine(n, 'LayerNormalization', [`epsilon=${n.params.epsilon}`])] }),
});
