import type { LayerBuilder } from '../../types';

export const attentionBuilders: LayerBuilder[] = [];
