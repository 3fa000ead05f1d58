import type { OnnxEmitter } from '../types';
import { conv1dOnnx } from './conv1d';
import { conv2dOnnx } from './conv2d';
import { averagePooling2dOnnx, maxPooling2dOnnx } from './pooling2d';
import { globalAveragePooling1dOnnx, globalAveragePooling2dOnnx } from './global-average-pooling';

export const convOnnx: OnnxEmitter[] = [
  conv1dOnnx,
  conv2dOnnx,
  maxPooling2dOnnx,
  averagePooling2dOnnx,
  globalAveragePooling1dOnnx,
  globalAveragePooling2dOnnx,
] as OnnxEmitter[];
