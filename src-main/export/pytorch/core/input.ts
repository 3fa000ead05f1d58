// Input: the model argument for this dataset feature.
import { definePyGenerator, inputArgName } from '../types';

export const inputPy = definePyGenerator({
  kind: 'Input',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${inputArgName(n)}`] }),
});
