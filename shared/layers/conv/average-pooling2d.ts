// AveragePooling2D: the mean of each window.
import { pooling2dLayer } from './pooling2d-common';

export type { Pooling2DParams as AveragePooling2DParams } from './pooling2d-common';
export const averagePooling2dLayer = pooling2dLayer('AveragePooling2D');
