// SelectStep: Gather one time step (axis 1) with a scalar index, which drops the axis; a negative step counts
// from the end in ONNX Gather as in LayerLab.
import type { SelectStepParams } from '../../../../shared/layers/recurrent/select-step';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';

export const selectStepOnnx = defineOnnxEmitter<SelectStepParams>({
  kind: 'SelectStep',
  emit: (n, ins, g) => [g.op1('Gather', [ins[0][0], g.ints([n.params.step], [])], n.name, [attr.int('axis', 1)])],
});
