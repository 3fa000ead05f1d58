// Registry of layer kinds. Each category folder exports its list; add a kind there, not here.
import type { LayerDef, ParamValues, HandleSpec } from './types';
import { coreLayers } from './core';
import { convLayers } from './conv';
import { recurrentLayers } from './recurrent';
import { attentionLayers } from './attention';

export const ALL_LAYERS: LayerDef[] = [
  ...coreLayers,
  ...convLayers,
  ...recurrentLayers,
  ...attentionLayers,
] as unknown as LayerDef[];

const byKind = new Map(ALL_LAYERS.map((d) => [d.kind, d]));

export function getLayerDef(kind: string): LayerDef | undefined {
  return byKind.get(kind);
}

/** Params with defaults filled in for every missing value. */
export function withDefaults(def: LayerDef, params: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const [key, spec] of Object.entries(def.params)) out[key] = params[key] ?? spec.default;
  return out;
}

export function inputHandles(def: LayerDef, params: ParamValues): HandleSpec[] {
  return typeof def.inputs === 'function' ? def.inputs(withDefaults(def, params)) : def.inputs;
}

export function outputHandles(def: LayerDef, params: ParamValues): HandleSpec[] {
  return typeof def.outputs === 'function' ? def.outputs(withDefaults(def, params)) : def.outputs;
}
