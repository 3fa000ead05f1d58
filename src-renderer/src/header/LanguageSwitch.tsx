// The interface language switch in the top bar (the web host's way to change it; Electron also has View > Language).
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/i18n/i18n';
import { preloadLanguage, useLanguage } from '../store/languageStore';

// Each language is named in itself, so the way back is readable whichever language is on.
const NATIVE_NAME: Record<Lang, string> = { en: 'English', ko: '한국어' };
// The name in the current language, as a tooltip ("영어 (English)" in the Korean UI).
const NAME_KEY = { en: 'common:language.en', ko: 'common:language.ko' } as const;

export function LanguageSwitch() {
  const { t } = useTranslation(['common']);
  const lang = useLanguage((s) => s.lang);
  const loading = useLanguage((s) => s.loading);
  const setLang = useLanguage((s) => s.setLang);
  return (
    <select
      className="ll-lang-select"
      data-testid="language-select"
      aria-label={t('common:language.label')}
      title={t('common:language.switchTitle')}
      // While a chosen language's texts load, the list already shows it (the interface follows in a moment).
      value={loading ?? lang}
      aria-busy={loading !== null}
      // The list names 한국어: have its glyphs (and its texts, in case it is chosen) ready before it opens.
      onPointerDown={() => preloadLanguage('ko')}
      onFocus={() => preloadLanguage('ko')}
      onChange={(e) => setLang(e.target.value as Lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={l} title={t(NAME_KEY[l])}>
          {NATIVE_NAME[l]}
        </option>
      ))}
    </select>
  );
}
