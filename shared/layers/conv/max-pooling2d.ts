// MaxPooling2D: the largest value of each window.
import { pooling2dLayer } from './pooling2d-common';

export type { Pooling2DParams as MaxPooling2DParams } from './pooling2d-common';
export const maxPooling2dLayer = pooling2dLayer('MaxPooling2D');
