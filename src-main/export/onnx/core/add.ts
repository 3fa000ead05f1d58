// Add and Multiply: element-wise over every wired input, as a chain of binary Add / Mul nodes.
import { defineOnnxEmitter, type OnnxEmitter } from '../types';

function elementwise(kind: 'Add' | 'Multiply', op: 'Add' | 'Mul'): OnnxEmitter {
  return defineOnnxEmitter({
    kind,
    emit(n, ins, g) {
      let acc = ins[0][0];
      ins[0].slice(1).forEach((x, i) => (acc = g.op1(op, [acc, x], i === ins[0].length - 2 ? n.name : `${n.name}_${i}`)));
      return [acc];
    },
  });
}

export const addOnnx = elementwise('Add', 'Add');
export const multiplyOnnx = elementwise('Multiply', 'Mul');
