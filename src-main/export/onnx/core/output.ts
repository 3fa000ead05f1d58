// Output: the tensor wired into it becomes a graph output (export-onnx.ts passes its name as n.name; an Identity
// gives the tensor that name).
import { defineOnnxEmitter } from '../types';

export const outputOnnx = defineOnnxEmitter({
  kind: 'Output',
  emit(n, ins, g) {
    g.nodes.push({ opType: 'Identity', input: [ins[0][0]], output: [n.name], name: `${n.name}/Identity` });
    return [];
  },
});
