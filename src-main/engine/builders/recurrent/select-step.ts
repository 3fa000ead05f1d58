import { defineBuilder, type SymbolicTensor } from '../../types';
import type { SelectStepParams } from '../../../../shared/layers/recurrent/select-step';
import { selectStepClass } from '../../custom/select-step';

export const selectStepBuilder = defineBuilder<SelectStepParams>({
  kind: 'SelectStep',
  build(inputs, p, { tf, name }) {
    const SelectStep = selectStepClass(tf);
    return [new SelectStep({ step: p.step, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
