// The Korean catalogues (about 190 kB of JSON). The renderer loads this module only when Korean is chosen
// (loadLanguage in i18n.ts: a separate chunk); the CLI, the Electron menu and tests import it synchronously
// through all-languages.ts.
import koCommon from './locales/ko/common.json';
import koEditor from './locales/ko/editor.json';
import koTraining from './locales/ko/training.json';
import koErrors from './locales/ko/errors.json';
import koCli from './locales/ko/cli.json';
import koRunlog from './locales/ko/runlog.json';
import koLayers from './locales/ko/layers.json';
import koLessons from './locales/ko/lessons.json';
import type { Namespace } from './resources-en';

export const resourcesKo = {
  common: koCommon,
  editor: koEditor,
  training: koTraining,
  errors: koErrors,
  cli: koCli,
  runlog: koRunlog,
  layers: koLayers,
  lessons: koLessons,
} as const satisfies Record<Namespace, object>;
