// The renderer's i18n instance holds English only; Korean arrives with loadLanguage('ko') (a separate chunk in
// the build). Tested on a fresh module graph: tests that need Korean import all-languages, which puts it on the shared instance synchronously.
import { beforeEach, describe, expect, it, vi } from 'vitest';

describe('Korean catalogues loaded on demand', () => {
  beforeEach(() => vi.resetModules());

  it('are not on the instance until loadLanguage("ko"), then translate every namespace', async () => {
    const { i18n, hasLanguage, loadLanguage } = await import('./i18n');
    expect(hasLanguage('en')).toBe(true);
    expect(hasLanguage('ko')).toBe(false);
    // Before the load a Korean lookup falls back to English (never a raw key).
    expect(i18n.t('common:language.ko', { lng: 'ko' })).toBe('Korean');
    await loadLanguage('ko');
    expect(hasLanguage('ko')).toBe(true);
    expect(i18n.t('common:language.ko', { lng: 'ko' })).toBe('한국어');
    expect(i18n.t('runlog:eval.done', { lng: 'ko', samples: 10, split: '테스트', loss: '0.5000' })).toBe('테스트 샘플 10개로 평가: 손실 0.5000');
  });

  it('loads once however often it is asked', async () => {
    const { loadLanguage } = await import('./i18n');
    const [a, b] = [loadLanguage('ko'), loadLanguage('ko')];
    expect(a).toBe(b);
    await a;
    await expect(loadLanguage('ko')).resolves.toBeUndefined();
  });

  it('the English-only entry does not import the Korean module; all-languages.ts does', async () => {
    const src = (f: string) => import('node:fs').then((fs) => fs.readFileSync(new URL(f, import.meta.url), 'utf8'));
    const staticImports = (s: string) => [...s.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports(await src('./i18n.ts'))).not.toContain('./resources-ko');
    expect(staticImports(await src('./resources-en.ts')).filter((p) => p.includes('/ko/'))).toEqual([]);
    expect(staticImports(await src('./all-languages.ts'))).toContain('./resources-ko');
  });
});
