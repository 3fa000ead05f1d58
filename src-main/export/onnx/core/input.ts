// Input: a graph input, float32 [batch, ...shape]; export-onnx.ts declares it and passes its name as n.name.
import { defineOnnxEmitter } from '../types';

export const inputOnnx = defineOnnxEmitter({ kind: 'Input', emit: (n) => [n.name] });
