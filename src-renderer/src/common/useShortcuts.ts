// Keyboard shortcuts: Ctrl/Cmd+S save, +Shift+S save as, +O open, +Enter train/stop, +Z / +Shift+Z (or +Y)
// undo/redo outside text fields. In Electron the menu owns save/open (it sends 'menu' events).
import { useEffect } from 'react';
import { api } from '../api';
import { handleMenu, openFile, saveFile } from '../files/fileActions';
import { isElectronHost, useGraphStore } from '../store/stores';
import { toggleTraining } from '../training/actions';

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const electron = isElectronHost();
      if (key === 'enter') {
        e.preventDefault();
        toggleTraining();
      } else if (key === 's' && !electron) {
        e.preventDefault();
        void saveFile(e.shiftKey);
      } else if (key === 'o' && !electron) {
        e.preventDefault();
        void openFile();
      } else if ((key === 'z' || key === 'y') && !electron && !inTextField(e.target)) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) useGraphStore.getState().redo();
        else useGraphStore.getState().undo();
      }
    };
    window.addEventListener('keydown', onKey);
    const offMenu = api.on('menu', handleMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, []);
}
