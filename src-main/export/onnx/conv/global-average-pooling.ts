// GlobalAveragePooling1D / 2D: ReduceMean over the time axis, or over height and width (channels-last).
import { attr } from '../context';
import { defineOnnxEmitter, type OnnxEmitter } from '../types';

function globalAverage(kind: string, axes: number[]): OnnxEmitter {
  return defineOnnxEmitter({
    kind,
    emit: (n, ins, g) => [g.op1('ReduceMean', [ins[0][0]], n.name, [attr.ints('axes', axes), attr.int('keepdims', 0)])],
  });
}

export const globalAveragePooling1dOnnx = globalAverage('GlobalAveragePooling1D', [1]);
export const globalAveragePooling2dOnnx = globalAverage('GlobalAveragePooling2D', [1, 2]);
