import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { i18n } from './i18n';

describe('i18n instance', () => {
  it('translates a key in both languages and falls back to English', () => {
    expect(i18n.t('common:language.ko', { lng: 'en' })).toBe('Korean');
    expect(i18n.t('common:language.ko', { lng: 'ko' })).toBe('한국어');
  });
});
