// Input: a graph input named after the node, float32 [batch, ...shape] (export-onnx.ts declares it).
import { defineOnnxEmitter } from '../types';

export const inputOnnx = defineOnnxEmitter({ kind: 'Input', emit: (n) => [n.name] });
