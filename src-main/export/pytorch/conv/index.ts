// PyTorch generators for convolution and pooling layers.
import type { PyGenerator } from '../types';
import { conv2dPy } from './conv2d';
import { conv1dPy } from './conv1d';
import { averagePooling2dPy, maxPooling2dPy } from './pooling2d';
import { globalAveragePooling1dPy } from './global-average-pooling1d';
import { globalAveragePooling2dPy } from './global-average-pooling2d';

export const convPy: PyGenerator[] = [
  conv2dPy,
  conv1dPy,
  maxPooling2dPy,
  averagePooling2dPy,
  globalAveragePooling1dPy,
  globalAveragePooling2dPy,
] as unknown as PyGenerator[];
