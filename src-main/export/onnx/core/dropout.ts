// Dropout is the identity at inference (tfjs scales while training, so nothing to undo).
import { defineOnnxEmitter } from '../types';

export const dropoutOnnx = defineOnnxEmitter({ kind: 'Dropout', emit: (_n, ins) => [ins[0][0]] });
