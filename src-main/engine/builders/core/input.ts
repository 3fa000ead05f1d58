import { defineBuilder } from '../../types';
import type { InputParams } from '../../../../shared/layers/core/input';

export const inputBuilder = defineBuilder<InputParams>({
  kind: 'Input',
  build(_inputs, p, { tf, name }) {
    return [tf.input({ shape: [...p.shape], name })];
  },
});
