// Add: element-wise sum of two or more tensors of the same shape (residual connections).
import { defineLayer } from '../types';
import { IN_MANY, OUT } from './common';
import { elementwiseShape, mergeInputs } from './merge';

export type AddParams = Record<string, never>;

export const addLayer = defineLayer<AddParams>({
  kind: 'Add',
  label: 'Add',
  category: 'Merge',
  summary: 'Sum tensors of the same shape (residual connection)',
  help: {
    formula: 'y = x1 + x2 + ... + xn',
    paramFormula: '0',
    details:
      'Adds its inputs value by value, so they must have the same shape. Residual (skip) connections ' +
      'add a block\'s input to its output: y = x + F(x).',
  },
  params: {},
  inputs: [IN_MANY],
  outputs: [OUT],
  infer(inputs) {
    const shapes = mergeInputs(inputs, 'Add');
    return { outputs: [elementwiseShape(shapes, 'Add', 'addShapes')], params: 0 };
  },
});
