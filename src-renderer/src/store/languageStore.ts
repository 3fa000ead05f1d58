// The interface language: first start follows the system (navigator.languages: ko* -> Korean, else English),
// a choice in the app (header switch, View > Language in Electron, ?lang=ko in the URL) is remembered in
// localStorage, and switching re-renders in place (react-i18next), so the graph, undo history and open panels stay.
// Korean's catalogues are a separate chunk (loadLanguage): until it has arrived the interface stays in the
// language it shows (never raw keys or half-translated text), then switches in one render.
import { create } from 'zustand';
import { hasLanguage, i18n, isLang, loadLanguage, type Lang } from '../../../shared/i18n/i18n';
import { useUi } from './uiStore';

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

/** Starts fetching `lang`'s catalogues and font early (the language list is being opened). */
export function preloadLanguage(lang: Lang): void {
  if (lang === 'ko') loadKoreanFont();
  loadLanguage(lang).catch(() => undefined); // reported when it is really chosen
}

function show(lang: Lang): void {
  void i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The last language asked for: a slower load of an earlier choice must not override it. */
let wanted: Lang = 'en';

/**
 * Shows `lang`: at once when its catalogues are there, else after they load (the current language stays until
 * then). Resolves with the language shown; a load that fails keeps the current one and says so in a toast.
 */
function apply(lang: Lang): Promise<Lang> {
  wanted = lang;
  if (lang === 'ko') loadKoreanFont();
  if (hasLanguage(lang)) {
    show(lang);
    return Promise.resolve(lang);
  }
  useLanguage.setState({ loading: lang });
  return loadLanguage(lang).then(
    () => {
      if (wanted === lang) {
        show(lang);
        useLanguage.setState({ lang, loading: null });
      }
      return wanted;
    },
    (err: unknown) => {
      console.error(`Could not load the ${lang} interface texts:`, err);
      if (wanted === lang) {
        wanted = useLanguage.getState().lang;
        useLanguage.setState({ loading: null });
        // Said in the language that stays, so the learner knows why the switch did not happen.
        useUi.getState().toast(i18n.t('common:language.loadFailed', { language: i18n.t(`common:language.${lang}`) }), 'error', 'language');
      }
      return wanted;
    },
  );
}

interface LanguageState {
  /** The language the interface shows. */
  lang: Lang;
  /** A chosen language whose catalogues are still loading (the interface keeps `lang` until they arrive). */
  loading: Lang | null;
  /** Switches the interface (now, or once its catalogues have loaded) and remembers the choice. */
  setLang(lang: Lang): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  lang: 'en',
  loading: null,
  setLang(lang) {
    remember(lang);
    if (hasLanguage(lang)) {
      apply(lang);
      set({ lang, loading: null });
    } else void apply(lang);
  },
}));

/**
 * Called once before the first render (main.tsx renders when this resolves): English at once; Korean after its
 * catalogues have loaded, so the first paint is already Korean. A ?lang= in the URL is remembered like a choice.
 */
export async function startLanguage(): Promise<Lang> {
  const url = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
  const system = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  const lang = initialLang({ url, stored: stored(), system });
  if (isLang(url)) remember(lang);
  const shown = await apply(lang);
  useLanguage.setState({ lang: shown, loading: null });
  return shown;
}
