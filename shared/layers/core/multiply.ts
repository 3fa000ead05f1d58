// Multiply: element-wise product of two or more tensors of the same shape (gating).
import { defineLayer } from '../types';
import { IN_MANY, OUT } from './common';
import { elementwiseShape, mergeInputs } from './merge';

export type MultiplyParams = Record<string, never>;

export const multiplyLayer = defineLayer<MultiplyParams>({
  kind: 'Multiply',
  label: 'Multiply',
  category: 'Merge',
  summary: 'Multiply tensors of the same shape value by value (gating)',
  help: {
    formula: 'y = x1 * x2 * ... * xn (element-wise)',
    paramFormula: '0',
    details:
      'Multiplies its inputs value by value; they must have the same shape. A sigmoid branch multiplied ' +
      'with another branch acts as a gate that lets values through or blocks them.',
  },
  params: {},
  inputs: [IN_MANY],
  outputs: [OUT],
  infer(inputs) {
    const shapes = mergeInputs(inputs, 'Multiply');
    return { outputs: [elementwiseShape(shapes, 'Multiply', 'multiplyShapes')], params: 0 };
  },
});
