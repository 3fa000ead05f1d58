// GlobalAveragePooling2D: mean over height and width (channels last).
import { definePyGenerator } from '../types';

export const globalAveragePooling2dPy = definePyGenerator({
  kind: 'GlobalAveragePooling2D',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0][0]}.mean(dim=(1, 2))`] }),
});
