import type { LayerDef } from '../types';

export const convLayers: LayerDef[] = [];
