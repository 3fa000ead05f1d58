// One i18next instance for the renderer, the CLI and tests. Keys are always written in full,
// 'namespace:path.to.key', so the catalogue check can find every key used in the code.
// Only English is bundled here: another language's catalogues are added by loadLanguage (the renderer, a
// separate chunk fetched when that language is chosen) or synchronously by all-languages.ts (CLI, menu, tests).
import i18next from 'i18next';
import { NAMESPACES, resourcesEn, type Namespace } from './resources-en';
import { setFormatLang } from './format';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: resourcesEn },
  lng: 'en',
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes; the CLI prints plain text
  initAsync: false,
  returnNull: false,
  // Korean is added after init (addResourceBundle), not fetched by a backend.
  partialBundledLanguages: true,
});

// Numbers and dates follow the language (the renderer's switch, the CLI's --lang).
i18n.on('languageChanged', (lng) => setFormatLang(lng));

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

/** True when `lang`'s catalogues are on the instance (English always is). */
export function hasLanguage(lang: Lang): boolean {
  return NAMESPACES.every((ns) => i18n.hasResourceBundle(lang, ns));
}

/** Puts a language's catalogues on the instance (every namespace). */
export function addLanguage(lang: Lang, catalogues: Record<Namespace, object>): void {
  for (const ns of NAMESPACES) i18n.addResourceBundle(lang, ns, catalogues[ns], true, true);
}

let koreanLoad: Promise<void> | null = null;

/**
 * Makes `lang` ready to show: resolves at once when its catalogues are there, else imports them (Korean: one
 * chunk of the renderer build, fetched once; a failed fetch rejects and the next call tries again).
 */
export function loadLanguage(lang: Lang): Promise<void> {
  if (hasLanguage(lang)) return Promise.resolve();
  koreanLoad ??= import('./resources-ko').then(
    ({ resourcesKo }) => addLanguage('ko', resourcesKo),
    (err: unknown) => {
      koreanLoad = null;
      throw err;
    },
  );
  return koreanLoad;
}
