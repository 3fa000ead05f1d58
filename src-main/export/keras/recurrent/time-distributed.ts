// TimeDistributed(Dense) -> layers.TimeDistributed(layers.Dense).
import type { TimeDistributedParams } from '../../../../shared/layers/recurrent/time-distributed';
import { applyLine, defineKerasGenerator, kerasActivation } from '../types';

export const timeDistributedKeras = defineKerasGenerator<TimeDistributedParams>({
  kind: 'TimeDistributed',
  generate: (n) => ({ lines: [applyLine(n, 'TimeDistributed', [`layers.Dense(${n.params.units}, activation=${kerasActivation(n.params.activation, n)})`])] }),
});
