// Add: element-wise sum of every wired input.
import { definePyGenerator } from '../types';

export const addPy = definePyGenerator({
  kind: 'Add',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0].join(' + ')}`] }),
});
