// Every message catalogue, one JSON file per namespace and language.
// Add a namespace: one import per language here and one entry in each map.
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import enErrors from './locales/en/errors.json';
import koErrors from './locales/ko/errors.json';
import enCli from './locales/en/cli.json';
import koCli from './locales/ko/cli.json';

export const resources = {
  en: { common: enCommon, errors: enErrors, cli: enCli },
  ko: { common: koCommon, errors: koErrors, cli: koCli },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const NAMESPACES = Object.keys(resources.en) as Namespace[];
