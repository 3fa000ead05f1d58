// The application menu as a plain template (built without touching Electron, so it is testable). Items send
// MenuCommand events to the renderer, which owns the graph; Open reads the chosen file first. Labels come from the
// `common:menu.*` catalogue in the app's language (role items too: Electron's own role labels are English on Linux).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api';
import { i18n } from '../../shared/i18n/all-languages';
import type { Lang } from '../../shared/i18n/i18n';
import type enCommon from '../../shared/i18n/locales/en/common.json';

type MenuKey = `common:menu.${keyof (typeof enCommon)['menu']}`;

/** The menu's first language: the system locale (app.getLocale(): 'ko', 'ko-KR' -> Korean), else English. */
export function langFromLocale(locale: string): Lang {
  return /^ko(?:[-_]|$)/i.test(locale) ? 'ko' : 'en';
}

export interface MenuActions {
  send(command: MenuCommand): void;
  /** Shows the open dialog, reads the file and sends {type: 'open', path, content}. */
  open(): void;
  quit(): void;
}

export function buildMenuTemplate(actions: MenuActions, opts: { isMac: boolean; isDev: boolean; lang?: Lang }): MenuItemConstructorOptions[] {
  const lng = opts.lang ?? 'en';
  const t = (key: MenuKey): string => i18n.t(key, { lng });
  const send = (command: MenuCommand) => () => actions.send(command);
  const template: MenuItemConstructorOptions[] = [];
  if (opts.isMac) template.push({ role: 'appMenu' });
  template.push({
    label: t('common:menu.file'),
    submenu: [
      { label: t('common:menu.new'), accelerator: 'CmdOrCtrl+N', click: send({ type: 'new' }) },
      { label: t('common:menu.open'), accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { type: 'separator' },
      { label: t('common:menu.save'), accelerator: 'CmdOrCtrl+S', click: send({ type: 'save' }) },
      { label: t('common:menu.saveAs'), accelerator: 'Shift+CmdOrCtrl+S', click: send({ type: 'saveAs' }) },
      ...(opts.isMac ? [] : ([{ type: 'separator' }, { label: t('common:menu.quit'), accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }] as MenuItemConstructorOptions[])),
    ],
  });
  template.push({
    label: t('common:menu.edit'),
    submenu: [
      // Graph undo/redo lives in the renderer. The accelerator is shown but not registered (Windows/Linux), so the
      // keystroke reaches the page: text fields keep their own undo and the canvas handles the shortcut itself.
      { label: t('common:menu.undo'), accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send({ type: 'undo' }) },
      { label: t('common:menu.redo'), accelerator: 'Shift+CmdOrCtrl+Z', registerAccelerator: false, click: send({ type: 'redo' }) },
      { type: 'separator' },
      { role: 'cut', label: t('common:menu.cut') },
      { role: 'copy', label: t('common:menu.copy') },
      { role: 'paste', label: t('common:menu.paste') },
      { role: 'selectAll', label: t('common:menu.selectAll') },
    ],
  });
  template.push({
    label: t('common:menu.view'),
    submenu: [
      ...(opts.isDev ? ([{ role: 'reload', label: t('common:menu.reload') }, { role: 'forceReload', label: t('common:menu.forceReload') }] as MenuItemConstructorOptions[]) : []),
      { role: 'toggleDevTools', label: t('common:menu.toggleDevTools') },
      { type: 'separator' },
      { role: 'resetZoom', label: t('common:menu.resetZoom') },
      { role: 'zoomIn', label: t('common:menu.zoomIn') },
      { role: 'zoomOut', label: t('common:menu.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('common:menu.toggleFullscreen') },
      { type: 'separator' },
      // Each language named in itself, so the way back is readable whichever language is on.
      {
        label: 'Language / 언어',
        submenu: [
          { label: 'English', click: send({ type: 'language', lang: 'en' }) },
          { label: '한국어 (Korean)', click: send({ type: 'language', lang: 'ko' }) },
        ],
      },
    ],
  });
  template.push({
    role: 'windowMenu',
    label: t('common:menu.window'),
    submenu: [
      { role: 'minimize', label: t('common:menu.minimize') },
      { role: 'close', label: t('common:menu.close') },
    ],
  });
  template.push({ role: 'help', label: t('common:menu.help'), submenu: [{ role: 'about', label: t('common:menu.about') }] });
  return template;
}
