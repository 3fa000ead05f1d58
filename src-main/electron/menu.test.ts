import '../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/api';
import { rendererLocation } from './app-urls';
import { buildMenuTemplate, langFromLocale } from './menu';

function items(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  return (template.find((m) => m.label === label)?.submenu ?? []) as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item!.click as () => void)();
}

describe('application menu', () => {
  it('File has New, Open…, Save, Save As and Quit with the usual shortcuts, sending menu commands', () => {
    const sent: MenuCommand[] = [];
    let opened = 0;
    let quit = 0;
    const template = buildMenuTemplate({ send: (c) => sent.push(c), open: () => opened++, quit: () => quit++ }, { isMac: false, isDev: false });
    const file = items(template, 'File');
    const byLabel = (l: string) => file.find((i) => i.label === l);
    expect(file.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'Shift+CmdOrCtrl+S'],
      ['Quit', 'CmdOrCtrl+Q'],
    ]);
    click(byLabel('New'));
    click(byLabel('Save'));
    click(byLabel('Save As…'));
    click(byLabel('Open…'));
    click(byLabel('Quit'));
    const edit = items(template, 'Edit');
    click(edit.find((i) => i.label === 'Undo'));
    click(edit.find((i) => i.label === 'Redo'));
    expect(sent).toEqual([{ type: 'new' }, { type: 'save' }, { type: 'saveAs' }, { type: 'undo' }, { type: 'redo' }]);
    expect([opened, quit]).toEqual([1, 1]);
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('View > Language sends the chosen language to the renderer', () => {
    const sent: MenuCommand[] = [];
    const template = buildMenuTemplate({ send: (c) => sent.push(c), open: () => {}, quit: () => {} }, { isMac: false, isDev: false });
    const language = items(template, 'View').find((i) => i.label === 'Language / 언어');
    const langs = (language?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(langs.map((i) => i.label)).toEqual(['English', '한국어 (Korean)']);
    click(langs[1]);
    click(langs[0]);
    expect(sent).toEqual([
      { type: 'language', lang: 'ko' },
      { type: 'language', lang: 'en' },
    ]);
  });

  it('speaks Korean with lang ko: every menu and item has a Korean label, the language list stays bilingual', () => {
    const noop = { send: () => {}, open: () => {}, quit: () => {} };
    const ko = buildMenuTemplate(noop, { isMac: false, isDev: true, lang: 'ko' });
    expect(ko.map((m) => m.label)).toEqual(['파일', '편집', '보기', '창', '도움말']);
    expect(items(ko, '파일').filter((i) => i.label).map((i) => i.label)).toEqual(['새로 만들기', '열기…', '저장', '다른 이름으로 저장…', '끝내기']);
    expect(items(ko, '편집').filter((i) => i.label).map((i) => i.label)).toEqual(['실행 취소', '다시 실행', '잘라내기', '복사', '붙여넣기', '모두 선택']);
    // Every item but separators and the bilingual language entries carries Hangul (role items too).
    const all = ko.flatMap((m) => [m, ...((m.submenu ?? []) as MenuItemConstructorOptions[])]).filter((i) => i.type !== 'separator');
    const english = all.filter((i) => !/[가-힣]/.test(String(i.label)));
    expect(english.map((i) => i.label)).toEqual([]);
    expect(items(ko, '보기').find((i) => i.label === 'Language / 언어')).toBeDefined();
  });

  it('takes its first language from the system locale', () => {
    expect(['ko', 'ko-KR', 'KO_kr', 'en-US', 'kok', ''].map(langFromLocale)).toEqual(['ko', 'ko', 'ko', 'en', 'en', 'en']);
  });

  it('uses the app menu for Quit on macOS and adds reload only in development', () => {
    const noop = { send: () => {}, open: () => {}, quit: () => {} };
    const mac = buildMenuTemplate(noop, { isMac: true, isDev: false });
    expect(mac[0].role).toBe('appMenu');
    expect(items(mac, 'File').some((i) => i.label === 'Quit')).toBe(false);
    expect(items(mac, 'View').some((i) => i.role === 'reload')).toBe(false);
    expect(items(buildMenuTemplate(noop, { isMac: false, isDev: true }), 'View').some((i) => i.role === 'reload')).toBe(true);
  });
});

describe('renderer location', () => {
  it('accepts only the built index page in production', () => {
    const loc = rendererLocation({ rendererIndex: '/app/out/renderer/index.html', packaged: true, devUrl: 'http://localhost:5173' });
    expect(loc.dev).toBe(false);
    expect(loc.url).toBe('file:///app/out/renderer/index.html');
    expect(loc.isAppUrl('file:///app/out/renderer/index.html#/runs')).toBe(true);
    expect(loc.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(loc.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(loc.isAppUrl('not a url')).toBe(false);
  });

  it('uses a loopback dev server when not packaged, and never a remote one', () => {
    const dev = rendererLocation({ rendererIndex: '/x/index.html', packaged: false, devUrl: 'http://localhost:5173/' });
    expect(dev.dev).toBe(true);
    expect(dev.isAppUrl('http://localhost:5173/assets/a.js')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    const remote = rendererLocation({ rendererIndex: '/x/index.html', packaged: false, devUrl: 'https://evil.example/' });
    expect(remote.dev).toBe(false);
    expect(remote.url).toBe('file:///x/index.html');
  });
});
