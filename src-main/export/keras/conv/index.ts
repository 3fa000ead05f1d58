// Keras generators for convolution and pooling layers.
import type { KerasGenerator } from '../types';
import { conv2dKeras } from './conv2d';
import { conv1dKeras } from './conv1d';
import { averagePooling2dKeras, maxPooling2dKeras } from './pooling2d';
import { globalAveragePooling1dKeras } from './global-average-pooling1d';
import { globalAveragePooling2dKeras } from './global-average-pooling2d';

export const convKeras: KerasGenerator[] = [
  conv2dKeras, conv1dKeras, maxPooling2dKeras, averagePooling2dKeras, globalAveragePooling1dKeras, globalAveragePooling2dKeras,
] as unknown as KerasGenerator[];
