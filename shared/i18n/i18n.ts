// One i18next instance for the renderer, the CLI and tests. Keys are always written in full,
// 'namespace:path.to.key', so the catalogue check can find every key used in the code.
import i18next from 'i18next';
import { NAMESPACES, resources } from './resources';
import { setFormatLang } from './format';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes; the CLI prints plain text
  initAsync: false,
  returnNull: false,
});

// Numbers and dates follow the language (the renderer's switch, the CLI's --lang).
i18n.on('languageChanged', (lng) => setFormatLang(lng));

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}
