// Output: the tensor wired into it becomes a graph output named after the node (an Identity gives it the name).
import { defineOnnxEmitter } from '../types';

export const outputOnnx = defineOnnxEmitter({
  kind: 'Output',
  emit(n, ins, g) {
    g.nodes.push({ opType: 'Identity', input: [ins[0][0]], output: [n.name], name: `${n.name}/Identity` });
    return [];
  },
});
