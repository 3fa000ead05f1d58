import { defineBuilder } from '../../types';
import type { OutputParams } from '../../../../shared/layers/core/output';

// Output has no output handles, so it returns nothing; buildModel takes the tensor wired into it
// as a model output.
export const outputBuilder = defineBuilder<OutputParams>({
  kind: 'Output',
  build() {
    return [];
  },
});
