// Keyboard shortcuts: Ctrl/Cmd+S save, +Shift+S save as, +O open, +Enter train/stop, +Z / +Shift+Z (or +Y)
// undo/redo outside text fields. In Electron the menu owns save/open (it sends 'menu' events), and View >
// Language switches the interface language here; the renderer's language goes back to the host for its menu.
import { useEffect } from 'react';
import { api } from '../api';
import { handleMenu, openFile, saveFile } from '../files/fileActions';
import { isElectronHost, useGraphStore } from '../store/stores';
import { toggleTraining } from '../training/actions';
import { appKeyAction, inTextField } from '../editor/shortcutKeys';
import { isLang } from '../../../shared/i18n/i18n';
import { useLanguage } from '../store/languageStore';
import { reportLanguageToHost } from '../store/hostLanguage';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = appKeyAction(e, { electron: isElectronHost(), inTextField: inTextField(e.target) });
      if (action === null) return;
      e.preventDefault();
      if (action === 'train') toggleTraining();
      else if (action === 'save' || action === 'save-as') void saveFile(action === 'save-as');
      else if (action === 'open') void openFile();
      else if (action === 'redo') useGraphStore.getState().redo();
      else useGraphStore.getState().undo();
    };
    window.addEventListener('keydown', onKey);
    const offMenu = api.on('menu', (cmd) => {
      if (cmd.type !== 'language') handleMenu(cmd);
      else if (isLang(cmd.lang)) useLanguage.getState().setLang(cmd.lang);
    });
    const stopReporting = reportLanguageToHost(api, isElectronHost);
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
      stopReporting();
    };
  }, []);
}
