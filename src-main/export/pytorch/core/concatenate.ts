// Concatenate: Keras counts the batch axis as 0, as torch.cat does, so the axis carries over.
import type { ConcatenateParams } from '../../../../shared/layers/core/concatenate';
import { definePyGenerator } from '../types';

export const concatenatePy = definePyGenerator<ConcatenateParams>({
  kind: 'Concatenate',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = torch.cat([${n.inputVars[0].join(', ')}], dim=${n.params.axis})`] }),
});
