// RepeatVector: [batch, F] -> Unsqueeze to [batch, 1, F] -> Tile n times along the new axis.
import type { RepeatVectorParams } from '../../../../shared/layers/recurrent/repeat-vector';
import { defineOnnxEmitter } from '../types';

export const repeatVectorOnnx = defineOnnxEmitter<RepeatVectorParams>({
  kind: 'RepeatVector',
  emit: (n, ins, g) => [g.op1('Tile', [g.unsqueeze(ins[0][0], [1], `${n.name}_1`), g.ints([1, n.params.n, 1])], n.name)],
});
