import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../shared/i18n/i18n';
import { formatDuration } from '../../../shared/i18n/format';
import { LANG_KEY, initialLang, useLanguage } from './languageStore';

describe('interface language', () => {
  afterEach(() => useLanguage.getState().setLang('en'));

  it('starts from the URL, else the remembered choice, else the system locale (ko* -> Korean, else English)', () => {
    expect(initialLang({ system: ['ko-KR', 'en-US'] })).toBe('ko');
    expect(initialLang({ system: ['ko'] })).toBe('ko');
    expect(initialLang({ system: ['en-GB', 'ko-KR'] })).toBe('en');
    expect(initialLang({ system: ['de-DE', 'ko-KR'] })).toBe('ko');
    expect(initialLang({ system: ['ja-JP'] })).toBe('en');
    expect(initialLang({ system: [] })).toBe('en');
    expect(initialLang({ stored: 'en', system: ['ko-KR'] })).toBe('en');
    expect(initialLang({ stored: 'fr', system: ['ko-KR'] })).toBe('ko');
    expect(initialLang({ url: 'ko', stored: 'en', system: ['en'] })).toBe('ko');
    expect(initialLang({ url: 'xx', stored: 'en', system: ['ko'] })).toBe('en');
  });

  it('switches i18next and the formatters at once and remembers the choice', () => {
    const saved = new Map<string, string>();
    (globalThis as { localStorage?: Pick<Storage, 'getItem' | 'setItem'> }).localStorage = {
      getItem: (k) => saved.get(k) ?? null,
      setItem: (k, v) => void saved.set(k, v),
    };
    try {
      useLanguage.getState().setLang('ko');
      expect(i18n.language).toBe('ko');
      expect(i18n.t('common:language.ko')).toBe('한국어');
      expect(formatDuration(125)).toBe('2분 05초');
      expect(saved.get(LANG_KEY)).toBe('ko');
      useLanguage.getState().setLang('en');
      expect(formatDuration(125)).toBe('2m 05s');
      expect(saved.get(LANG_KEY)).toBe('en');
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
