// Typed keys: t('common:language.ko') is checked against the English catalogue at compile time.
import 'i18next';
import type { resourcesEn } from './resources-en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof resourcesEn;
    returnNull: false;
  }
}
