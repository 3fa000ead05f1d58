// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import koLessons from './locales/ko/lessons.json';
import { lessonsCatalogEn } from './lessons-catalog';

export const resources = {
  // lessons: built from the registries (templates, datasets, training help); typed as the Korean file, whose keys
  // are exactly the same (lessons.test.ts).
  en: { common: enCommon, lessons: lessonsCatalogEn() as unknown as typeof koLessons },
  ko: { common: koCommon, lessons: koLessons },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
