import type { LayerBuilder } from '../../types';

export const recurrentBuilders: LayerBuilder[] = [];
