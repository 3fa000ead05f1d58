// SelectStep -> a small custom Keras layer returning x[:, step] (Keras has no built-in layer for it).
import type { SelectStepParams } from '../../../../shared/layers/recurrent/select-step';
import { defineKerasGenerator, kerasName } from '../types';

const SELECT_STEP_CLASS = `class LayerLabSelectStep(layers.Layer):
    """x[:, step]: one time step of a sequence (negative steps count from the end)."""

    def __init__(self, step, **kw):
        super().__init__(**kw)
        self.step = step

    def call(self, x):
        return x[:, self.step]

    def get_config(self):
        return {**super().get_config(), "step": self.step}`;

export const selectStepKeras = defineKerasGenerator<SelectStepParams>({
  kind: 'SelectStep',
  generate: (n) => ({
    lines: [
      ...SELECT_STEP_CLASS.split('\n'),
      `${n.outputVars[0]} = LayerLabSelectStep(${n.params.step}, name=${kerasName(n)})(${n.inputVars[0][0]})`,
    ],
  }),
});
