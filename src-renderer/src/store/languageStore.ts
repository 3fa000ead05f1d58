// The interface language: first start follows the system (navigator.languages: ko* -> Korean, else English),
// a choice in the app (header switch, View > Language in Electron, ?lang=ko in the URL) is remembered in
// localStorage, and switching re-renders in place (react-i18next), so the graph, undo history and open panels stay.
import { create } from 'zustand';
import { i18n, isLang, type Lang } from '../../../shared/i18n/i18n';

export const LANG_KEY = 'layerlab.lang';

/** The language to start in: the URL's ?lang=, else the remembered choice, else the system's. */
export function initialLang(opts: { url?: string | null; stored?: string | null; system?: readonly string[] }): Lang {
  if (isLang(opts.url)) return opts.url;
  if (isLang(opts.stored)) return opts.stored;
  for (const tag of opts.system ?? []) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function stored(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

function remember(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode or quota: the choice lasts for this session only.
  }
}

/**
 * The bundled Korean font's @font-face rules (fonts/noto-sans-kr.css: 240 unicode-range slices, 55 kB gzipped
 * CSS) load only when Korean is on or about to be chosen, so the English UI neither parses nor fetches them.
 */
export function loadKoreanFont(): void {
  if (typeof document !== 'undefined') void import('../fonts/noto-sans-kr.css');
}

function apply(lang: Lang): void {
  if (lang === 'ko') loadKoreanFont();
  void i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

interface LanguageState {
  lang: Lang;
  /** Switches the interface now and remembers the choice. */
  setLang(lang: Lang): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  lang: 'en',
  setLang(lang) {
    apply(lang);
    remember(lang);
    set({ lang });
  },
}));

/** Called once before the first render (main.tsx). A ?lang= in the URL is remembered like a choice in the app. */
export function startLanguage(): Lang {
  const url = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
  const system = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  const lang = initialLang({ url, stored: stored(), system });
  apply(lang);
  if (isLang(url)) remember(lang);
  useLanguage.setState({ lang });
  return lang;
}
