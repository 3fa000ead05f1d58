// The `layers` namespace in English, built from the layer registry: each layer file stays the one
// source of its English text (one layer kind = one file); Korean lives in locales/ko/layers.json.
//
// Key shape (the same in both languages):
//   <Kind>.label                       palette / node name, e.g. Dense.label
//   <Kind>.summary                     one line under the name
//   <Kind>.details                     the help paragraph(s)
//   <Kind>.params.<param>.label        e.g. Dense.params.units.label
//   <Kind>.params.<param>.help
//   <Kind>.params.<param>.link         only for node-link parameters (text on the dashed line)
//   categories.<slug>                  palette group names (slugs in CATEGORY_SLUG)
//   nodeSummary.paramOff               a bool parameter that is off, in a node's one-line summary
//   messages.<id>                      shape errors and fixes shared by many kinds (shared/layers/messages.ts);
//                                      plurals as <id>_one / <id>_other in English, <id>_other in Korean
// Not in the catalogue: help.formula and help.paramFormula (formulas stay formulas), handle names
// (in, out, query, h, c) and enum option values (relu, same, causal): code names stay as they are.
import { ALL_LAYERS } from '../layers';
import type { LayerCategory, LayerDef } from '../layers/types';
import { LAYER_MESSAGES } from '../layers/messages';

export interface ParamTexts {
  label: string;
  help: string;
  link?: string;
}
export interface LayerTexts {
  label: string;
  summary: string;
  details: string;
  params?: Record<string, ParamTexts>;
}
export type LayersCatalogue = Record<string, LayerTexts> & {
  categories: Record<CategorySlug, string>;
  nodeSummary: typeof NODE_SUMMARY;
  messages: typeof LAYER_MESSAGES;
};

/** The few texts not taken from a layer file: how a node's one-line parameter summary reads. */
const NODE_SUMMARY = { paramOff: 'no {{param}}' };

/** Palette group name -> catalogue key under `categories.` (group names contain spaces and '/'). */
export const CATEGORY_SLUG = {
  'Input / Output': 'inputOutput',
  Core: 'core',
  Normalization: 'normalization',
  Convolution: 'convolution',
  Pooling: 'pooling',
  Recurrent: 'recurrent',
  Attention: 'attention',
  Transformer: 'transformer',
  Merge: 'merge',
  Embedding: 'embedding',
} as const satisfies Record<LayerCategory, string>;
export type CategorySlug = (typeof CATEGORY_SLUG)[LayerCategory];

function layerTexts(def: LayerDef): LayerTexts {
  const texts: LayerTexts = { label: def.label, summary: def.summary, details: def.help.details };
  const params = Object.entries(def.params);
  if (params.length > 0) {
    texts.params = {};
    for (const [name, spec] of params) {
      texts.params[name] = { label: spec.label, help: spec.help, ...(spec.type === 'node' ? { link: spec.link } : {}) };
    }
  }
  return texts;
}

export function buildLayersCatalogue(defs: readonly LayerDef[] = ALL_LAYERS): LayersCatalogue {
  const catalogue: Record<string, unknown> = {};
  for (const def of defs) catalogue[def.kind] = layerTexts(def);
  const categories = {} as Record<CategorySlug, string>;
  for (const [name, slug] of Object.entries(CATEGORY_SLUG)) categories[slug] = name;
  catalogue.categories = categories;
  catalogue.nodeSummary = NODE_SUMMARY;
  catalogue.messages = LAYER_MESSAGES;
  return catalogue as LayersCatalogue;
}

/** Every key of a nested catalogue as a dotted path ('Dense.params.units.label'), sorted. */
export function catalogueKeys(catalogue: object, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') keys.push(...catalogueKeys(v as object, path));
    else keys.push(path);
  }
  return keys.sort();
}
