// Permute -> layers.Permute (same 1-based dims as tfjs).
import type { PermuteParams } from '../../../../shared/layers/core/permute';
import { applyLine, defineKerasGenerator } from '../types';

export const permuteKeras = defineKerasGenerator<PermuteParams>({
  kind: 'Permute',
  generate: (n) => ({ lines: [applyLine(n, 'Permute', [`dims=(${n.params.dims.join(', ')},)`])] }),
});
