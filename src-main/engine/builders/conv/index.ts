import type { LayerBuilder } from '../../types';

export const convBuilders: LayerBuilder[] = [];
