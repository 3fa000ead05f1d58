// BatchNormalization -> layers.BatchNormalization (same momentum meaning as tfjs).
import type { BatchNormalizationParams } from '../../../../shared/layers/core/batchNormalization';
import { applyLine, defineKerasGenerator } from '../types';

export const batchNormalizationKeras = defineKerasGenerator<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  generate: (n) => ({ lines: [applyLine(n, 'BatchNormalization', [`momentum=${n.params.momentum}`, `epsilon=${n.params.epsilon}`])] }),
});
