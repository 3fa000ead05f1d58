// Input: where a dataset feature enters the model.
import { ShapeError, defineLayer } from '../types';
import { OUT } from './common';

export type InputParams = { feature: string; shape: number[] };

export const inputLayer = defineLayer<InputParams>({
  kind: 'Input',
  label: 'Input',
  category: 'Input / Output',
  summary: 'A dataset feature enters the model here',
  help: {
    formula: 'out = x (one sample of the feature, without the batch axis)',
    paramFormula: '0',
    details:
      'Marks a model input. `feature` names the dataset feature it reads (usually "x"); `shape` is one ' +
      "sample's shape without the batch axis, e.g. [784] for a flattened MNIST digit, [28, 28] for rows " +
      'of pixels, [28, 28, 1] for an image. The dataset settings decide which shape the data has.',
  },
  params: {
    feature: { type: 'string', label: 'Feature', default: 'x', help: 'Name of the dataset feature this input reads.' },
    shape: {
      type: 'shape',
      label: 'Shape',
      default: [784],
      minLength: 1,
      maxLength: 5,
      help: 'One sample without the batch axis, e.g. "784" or "28, 28, 1".',
    },
  },
  inputs: [],
  outputs: [OUT],
  infer(_inputs, p) {
    if (!Array.isArray(p.shape) || p.shape.length === 0) throw ShapeError.of('inputNoAxis', {});
    const bad = p.shape.find((d) => !Number.isInteger(d) || d < 1);
    if (bad !== undefined) throw ShapeError.of('inputBadEntry', { value: String(bad), shape: `[${p.shape.join(', ')}]` });
    return { outputs: [[...p.shape]], params: 0 };
  },
});
