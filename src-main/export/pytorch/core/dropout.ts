// Dropout -> nn.Dropout (scales kept values by 1 / (1 - rate) while training, like tfjs).
import type { DropoutParams } from '../../../../shared/layers/core/dropout';
import { definePyGenerator } from '../types';

export const dropoutPy = definePyGenerator<DropoutParams>({
  kind: 'Dropout',
  generate: (n) => ({
    init: [`self.${n.name} = nn.Dropout(${n.params.rate})`],
    forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
  }),
});
