import type { LayerBuilder } from '../../types';

export const coreBuilders: LayerBuilder[] = [];
