// Dropout -> layers.Dropout.
import type { DropoutParams } from '../../../../shared/layers/core/dropout';
import { applyLine, defineKerasGenerator } from '../types';

export const dropoutKeras = defineKerasGenerator<DropoutParams>({
  kind: 'Dropout',
  generate: (n) => ({ lines: [applyLine(n, 'Dropout', [String(n.params.rate)])] }),
});
