// RepeatVector: [features] -> [n, features].
import type { RepeatVectorParams } from '../../../../shared/layers/recurrent/repeat-vector';
import { definePyGenerator } from '../types';

export const repeatVectorPy = definePyGenerator<RepeatVectorParams>({
  kind: 'RepeatVector',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0][0]}.unsqueeze(1).repeat(1, ${n.params.n}, 1)`] }),
});
