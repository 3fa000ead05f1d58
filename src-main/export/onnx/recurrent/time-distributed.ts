// TimeDistributed(Dense) -> MatMul + Add over the last axis of [batch, time, ..., features] (same weights as Dense).
import type { TimeDistributedParams } from '../../../../shared/layers/recurrent/time-distributed';
import { defineOnnxEmitter } from '../types';
import { activate, unsupportedActivation } from '../activations';

export const timeDistributedOnnx = defineOnnxEmitter<TimeDistributedParams>({
  kind: 'TimeDistributed',
  check: (n) => unsupportedActivation(n.params.activation),
  emit(n, ins, g) {
    const y = g.linear(ins[0][0], n.inputShapes[0][0].length + 1, g.weight(n, 'kernel'), g.weight(n, 'bias'), `${n.name}_linear`);
    return [activate(g, y, n.params.activation, n.name)];
  },
});
