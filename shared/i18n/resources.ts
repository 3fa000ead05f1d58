// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import enTraining from './locales/en/training.json';
import koTraining from './locales/ko/training.json';

export const resources = {
  en: { common: enCommon, training: enTraining },
  ko: { common: koCommon, training: koTraining },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
