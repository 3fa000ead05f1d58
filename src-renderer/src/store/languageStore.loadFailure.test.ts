// A language whose catalogues cannot be fetched (a broken chunk, a dropped connection): the interface stays in
// its language, and the learner is told why the switch did not happen.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../../shared/i18n/i18n');
  vi.resetModules();
});

describe('a language that fails to load', () => {
  it('keeps English, clears the loading mark and says so in a toast', async () => {
    vi.resetModules();
    vi.doMock('../../../shared/i18n/i18n', async (importOriginal) => {
      const actual = await importOriginal<typeof import('../../../shared/i18n/i18n')>();
      return {
        ...actual,
        hasLanguage: (lang: string) => lang === 'en',
        loadLanguage: () => Promise.reject(new Error('chunk failed')),
      };
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { useLanguage } = await import('./languageStore');
    const { useUi } = await import('./uiStore');
    useLanguage.getState().setLang('ko');
    expect(useLanguage.getState().loading).toBe('ko');
    await vi.waitFor(() => expect(useLanguage.getState().loading).toBeNull());
    expect(useLanguage.getState().lang).toBe('en');
    const toast = useUi.getState().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.message).toBe('Could not load the Korean interface texts, so the interface stays as it is. Reload the page and choose the language again.');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
