// Multiply: element-wise product of every wired input.
import { definePyGenerator } from '../types';

export const multiplyPy = definePyGenerator({
  kind: 'Multiply',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0].join(' * ')}`] }),
});
