// The `editor` namespace in both languages: the same keys in English and Korean, plurals and interpolation
// resolved, and editor views rendered as the app renders them (through the one i18next instance) show Korean
// after a language switch and the exact English text the e2e specs look for before it.
import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { ReactElement } from 'react';
import { i18n } from '../../../shared/i18n/i18n';
import en from '../../../shared/i18n/locales/en/editor.json';
import ko from '../../../shared/i18n/locales/ko/editor.json';
import { parseNumber, parseShapeText } from '../inspector/parse';
import { ShortcutSheet } from './ShortcutSheet';
import { useEditor } from './editorStore';
import { useGallery } from '../templates/galleryStore';

// No host in a unit test (the gallery's file actions import the api client): requests never answer.
vi.mock('../api', async () => {
  const { useConnection } = await import('../api/connection');
  const api = new Proxy({}, { get: (_t, name) => (String(name).startsWith('on') ? () => () => undefined : () => new Promise(() => undefined)) });
  return { api, useConnection };
});
const { TemplateGallery } = await import('../templates/TemplateGallery');

/** Every leaf of a catalogue as [dotted path, text]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' ? leaves(v as object, path) : [[path, v]];
  });
}

/** Every key, with the plural suffix taken off (Korean has only `_other`). */
const keys = (tree: object) => leaves(tree).map(([path]) => path.replace(/_(one|other)$/, ''));

/** Server-renders like the app: inside the provider, with zustand's server snapshot taken from the live state. */
function html(element: ReactElement): string {
  Object.assign(useEditor.getInitialState(), useEditor.getState());
  Object.assign(useGallery.getInitialState(), useGallery.getState());
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

afterEach(async () => {
  await i18n.changeLanguage('en');
  useEditor.setState({ shortcutsOpen: false });
  useGallery.setState({ open: false });
});

describe('editor catalogue', () => {
  it('has the same keys in English and Korean, and Korean text for each', () => {
    expect(new Set(keys(ko))).toEqual(new Set(keys(en)));
    const hangul = /[\uac00-\ud7a3]/;
    // Strings that are only symbols, interpolation or code names need no Hangul; everything else does.
    const untranslated = leaves(ko).filter(([, v]) => typeof v === 'string' && /[a-z]{3}/i.test(v.replace(/\{\{\w+\}\}|<\/?b>|[A-Z][A-Za-z0-9]+|px|wasm|README|LayerLab/g, '')) && !hangul.test(v));
    expect(untranslated).toEqual([]);
  });

  it('resolves plurals and interpolation in both languages', () => {
    const enT = i18n.getFixedT('en', ['editor']);
    const koT = i18n.getFixedT('ko', ['editor']);
    expect(enT('editor:palette.blockLayers', { count: 1, kinds: 'Dense' })).toBe('1 layer: Dense');
    expect(enT('editor:palette.blockLayers', { count: 3, kinds: 'Dense → ReLU → Dense' })).toBe('3 layers: Dense → ReLU → Dense');
    expect(koT('editor:palette.blockLayers', { count: 1, kinds: 'Dense' })).toBe('1개 층: Dense');
    expect(enT('editor:editor.repeat.selected', { count: 1, ids: 'conv' })).toBe('1 selected layer (conv) chained one after another; each copy is fed by the one before.');
    expect(koT('editor:editor.repeat.selected', { count: 2, ids: 'a, b' })).toContain('선택한 층 2개 (a, b)');
    expect(enT('editor:canvas.block.repeatsOf', { times: 4, layers: enT('editor:canvas.block.layers', { count: 2 }) })).toBe('4 repeats of 2 layers');
    expect(koT('editor:canvas.block.repeatsOf', { times: 4, layers: koT('editor:canvas.block.layers', { count: 2 }) })).toBe('2개 층 × 4회 반복');
  });

  it('says what is wrong with a typed value in the current language', async () => {
    expect(parseNumber('0', { integer: true, min: 1 })).toEqual({ ok: false, message: 'Must be at least 1.' });
    expect(parseNumber('2.5', { integer: true })).toEqual({ ok: false, message: 'Must be a whole number (2.5 is not).' });
    await i18n.changeLanguage('ko');
    expect(parseNumber('0', { integer: true, min: 1 })).toEqual({ ok: false, message: '1 이상이어야 합니다.' });
    expect(parseNumber('2.5', { integer: true })).toEqual({ ok: false, message: '정수여야 합니다 (2.5은(는) 정수가 아님).' });
    expect(parseNumber('1e9', { integer: true, max: 1_000_000 })).toEqual({ ok: false, message: '1,000,000 이하여야 합니다 (1e9 = 1,000,000,000).' });
    expect(parseShapeText('1', { minLength: 2 })).toEqual({ ok: false, message: '크기가 2개 이상 필요합니다.' });
  });

  it('renders the template gallery and the shortcut sheet in English, then in Korean', async () => {
    useGallery.setState({ open: true });
    useEditor.setState({ shortcutsOpen: true });
    const gallery = () => html(<TemplateGallery />);
    const sheet = () => text(html(<ShortcutSheet />));

    expect(gallery()).toContain('placeholder="Search: name, layer, dataset… (arrows move, Enter opens)"');
    expect(gallery()).toContain('aria-label="Search templates"');
    expect(sheet()).toContain('Keyboard shortcuts');
    expect(sheet()).toContain('Space, or double-click the canvas Quick-add a layer at the cursor');

    await i18n.changeLanguage('ko');
    const g = gallery();
    expect(g).toContain('placeholder="검색: 이름, 층, 데이터셋… (화살표로 이동, Enter로 열기)"');
    expect(g).toContain('aria-label="템플릿 검색"');
    expect(text(g)).toMatch(/파라미터 [\d,]+개/);
    expect(text(g)).not.toContain(' parameters');
    const s = sheet();
    expect(s).toContain('단축키');
    expect(s).toContain('Space 또는 캔버스 더블클릭 커서 위치에 층 빠르게 추가');
    expect(s).toContain('Ctrl+Z / Ctrl+Shift+Z 또는 Ctrl+Y 실행 취소 / 다시 실행');
  });
});
