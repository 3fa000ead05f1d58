// The English catalogues: always bundled (English is the fallback for every key).
// Add a namespace: one import here, one in resources-ko.ts, and the map entries in both.
import enCommon from './locales/en/common.json';
import enEditor from './locales/en/editor.json';
import enTraining from './locales/en/training.json';
import enErrors from './locales/en/errors.json';
import enCli from './locales/en/cli.json';
import enRunlog from './locales/en/runlog.json';
import { buildLayersCatalogue } from './layers-catalogue';
import { lessonsCatalogEn } from './lessons-catalog';
import type koLayers from './locales/ko/layers.json';
import type koLessons from './locales/ko/lessons.json';

// layers and lessons: built from the registries (layer files; templates, datasets, training help) and typed as
// the Korean file, whose keys are exactly the same (layers-catalogue.test.ts, lessons.test.ts), so
// t('layers:Dense.summary') is checked like any other key. (A type-only import: no Korean text is bundled.)
export const resourcesEn = {
  common: enCommon,
  editor: enEditor,
  training: enTraining,
  errors: enErrors,
  cli: enCli,
  runlog: enRunlog,
  layers: buildLayersCatalogue() as unknown as typeof koLayers,
  lessons: lessonsCatalogEn() as unknown as typeof koLessons,
} as const;

export type Namespace = keyof typeof resourcesEn;
export const NAMESPACES = Object.keys(resourcesEn) as Namespace[];
