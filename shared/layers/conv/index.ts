// Convolution and pooling layers.
import type { LayerDef } from '../types';
import { conv1dLayer } from './conv1d';
import { conv2dLayer } from './conv2d';
import { maxPooling2dLayer } from './max-pooling2d';
import { averagePooling2dLayer } from './average-pooling2d';
import { globalAveragePooling1dLayer } from './global-average-pooling1d';
import { globalAveragePooling2dLayer } from './global-average-pooling2d';

export const convLayers: LayerDef[] = [
  conv2dLayer,
  conv1dLayer,
  maxPooling2dLayer,
  averagePooling2dLayer,
  globalAveragePooling1dLayer,
  globalAveragePooling2dLayer,
] as unknown as LayerDef[];
