import type { LayerBuilder } from '../../types';
import { conv1dBuilder } from './conv1d';
import { conv2dBuilder } from './conv2d';
import { maxPooling2dBuilder } from './max-pooling2d';
import { averagePooling2dBuilder } from './average-pooling2d';
import { globalAveragePooling1dBuilder } from './global-average-pooling1d';
import { globalAveragePooling2dBuilder } from './global-average-pooling2d';

export const convBuilders: LayerBuilder[] = [
  conv2dBuilder,
  conv1dBuilder,
  maxPooling2dBuilder,
  averagePooling2dBuilder,
  globalAveragePooling1dBuilder,
  globalAveragePooling2dBuilder,
] as LayerBuilder[];
