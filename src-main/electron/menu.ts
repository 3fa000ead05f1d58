// The application menu as a plain template (built without touching Electron, so it is testable). Items send
// MenuCommand events to the renderer, which owns the graph; Open reads the chosen file first.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api';

export interface MenuActions {
  send(command: MenuCommand): void;
  /** Shows the open dialog, reads the file and sends {type: 'open', path, content}. */
  open(): void;
  quit(): void;
}

export function buildMenuTemplate(actions: MenuActions, opts: { isMac: boolean; isDev: boolean }): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => actions.send(command);
  const template: MenuItemConstructorOptions[] = [];
  if (opts.isMac) template.push({ role: 'appMenu' });
  template.push({
    label: 'File',
    submenu: [
      { label: 'New', accelerator: 'CmdOrCtrl+N', click: send({ type: 'new' }) },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send({ type: 'save' }) },
      { label: 'Save As…', accelerator: 'Shift+CmdOrCtrl+S', click: send({ type: 'saveAs' }) },
      ...(opts.isMac ? [] : ([{ type: 'separator' }, { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }] as MenuItemConstructorOptions[])),
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      // Graph undo/redo lives in the renderer. The accelerator is shown but not registered (Windows/Linux), so the
      // keystroke reaches the page: text fields keep their own undo and the canvas handles the shortcut itself.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send({ type: 'undo' }) },
      { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', registerAccelerator: false, click: send({ type: 'redo' }) },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(opts.isDev ? ([{ role: 'reload' }, { role: 'forceReload' }] as MenuItemConstructorOptions[]) : []),
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
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
  if (opts.isMac) template.push({ role: 'windowMenu' });
  return template;
}
