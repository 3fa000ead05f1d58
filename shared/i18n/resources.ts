// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import enEditor from './locales/en/editor.json';
import koEditor from './locales/ko/editor.json';
import enTraining from './locales/en/training.json';
import koTraining from './locales/ko/training.json';
import enErrors from './locales/en/errors.json';
import koErrors from './locales/ko/errors.json';
import enCli from './locales/en/cli.json';
import koCli from './locales/ko/cli.json';
import { buildLayersCatalogue } from './layers-catalogue';
import koLayers from './locales/ko/layers.json';
import koLessons from './locales/ko/lessons.json';
import { lessonsCatalogEn } from './lessons-catalog';

// layers and lessons: built from the registries (layer files; templates, datasets, training help) and typed as
// the Korean file, whose keys are exactly the same (layers-catalogue.test.ts, lessons.test.ts), so
// t('layers:Dense.summary') is checked like any other key.
export const resources = {
  en: {
    common: enCommon,
    editor: enEditor,
    training: enTraining,
    errors: enErrors,
    cli: enCli,
    layers: buildLayersCatalogue() as unknown as typeof koLayers,
    lessons: lessonsCatalogEn() as unknown as typeof koLessons,
  },
  ko: { common: koCommon, editor: koEditor, training: koTraining, errors: koErrors, cli: koCli, layers: koLayers, lessons: koLessons },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
