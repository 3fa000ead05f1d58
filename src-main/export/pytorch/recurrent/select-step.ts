// SelectStep: [batch, T, ...] -> [batch, ...] at one position (negative counts from the end, as in Python).
import type { SelectStepParams } from '../../../../shared/layers/recurrent/select-step';
import { definePyGenerator } from '../types';

export const selectStepPy = definePyGenerator<SelectStepParams>({
  kind: 'SelectStep',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${n.inputVars[0][0]}[:, ${n.params.step}]`] }),
});
