import type { LayerDef } from '../types';

export const coreLayers: LayerDef[] = [];
