// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import enEditor from './locales/en/editor.json';
import koEditor from './locales/ko/editor.json';

export const resources = {
  en: { common: enCommon, editor: enEditor },
  ko: { common: koCommon, editor: koEditor },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
