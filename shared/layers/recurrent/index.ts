import type { LayerDef } from '../types';

export const recurrentLayers: LayerDef[] = [];
