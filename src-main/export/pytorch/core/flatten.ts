// Flatten: the data keeps tfjs's channels-last layout, so the flattened order is the same as in LayerLab.
import { definePyGenerator } from '../types';

export const flattenPy = definePyGenerator({
  kind: 'Flatten',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = torch.flatten(${n.inputVars[0][0]}, 1)`] }),
});
