// GlobalAveragePooling1D: mean over the time axis.
import { definePyGenerator } from '../types';

export const globalAveragePooling1dPy = definePyGenerator({
  kind: 'GlobalAveragePooling1D',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0][0]}.mean(dim=1)`] }),
});
