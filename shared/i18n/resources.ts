// Every message catalogue of every language, statically: for the catalogue check and anything that reads all
// languages at once. The renderer does not import this (it would bundle Korean into the English UI): i18n.ts
// holds English and loads Korean on demand.
import { resourcesEn } from './resources-en';
import { resourcesKo } from './resources-ko';

export { NAMESPACES, type Namespace } from './resources-en';

export const resources = { en: resourcesEn, ko: resourcesKo } as const;
