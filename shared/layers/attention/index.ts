import type { LayerDef } from '../types';

export const attentionLayers: LayerDef[] = [];
