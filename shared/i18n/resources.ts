// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import { buildLayersCatalogue } from './layers-catalogue';
import koLayers from './locales/ko/layers.json';

export const resources = {
  // Built from the layer files; typed as the Korean file, whose keys are exactly the same
  // (layers-catalogue.test.ts), so t('layers:Dense.summary') is checked like any other key.
  en: { common: enCommon, layers: buildLayersCatalogue() as unknown as typeof koLayers },
  ko: { common: koCommon, layers: koLayers },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
