// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import koLessons from './locales/ko/lessons.json';
import { lessonsCatalogEn } from './lessons-catalog';

export const resources = {
  en: { common: enCommon, lessons: lessonsCatalogEn() },
  ko: { common: koCommon, lessons: koLessons },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
