// Permute: Keras dims count from 1 without the batch axis; torch.permute counts the batch axis as 0.
import type { PermuteParams } from '../../../../shared/layers/core/permute';
import { definePyGenerator } from '../types';

export const permutePy = definePyGenerator<PermuteParams>({
  kind: 'Permute',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0][0]}.permute(0, ${n.params.dims.join(', ')})`] }),
});
