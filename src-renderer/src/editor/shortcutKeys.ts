// Which shortcut a key press means, as pure functions of the key and the page state, so the rules (text fields,
// open dialogs, Alt, Shift, the desktop menu) are unit-tested and the shortcut sheet can be checked against them.
// The hooks that listen for keys (useEditorShortcuts, useShortcuts) only carry the actions out.

/** The parts of a KeyboardEvent the decisions read. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type EditorKeyAction = 'toggle-sheet' | 'close' | 'quick-add' | 'fit' | 'layout' | 'select-all' | 'duplicate' | 'copy' | 'paste';

/** Page state, asked only when the key needs it (reading the selection or the DOM on every key is wasted work). */
export interface EditorKeyContext {
  inTextField: boolean;
  overlayOpen: () => boolean;
  sheetOpen: () => boolean;
  /** Page text outside the canvas is selected: Ctrl/Cmd+C copies that, not layers. */
  textSelected: () => boolean;
}

/** Editor keys: Space quick-add, F fit, L layout, Ctrl/Cmd+A/D/C/V, ? sheet, Esc close. */
export function editorKeyAction(e: KeyPress, ctx: EditorKeyContext): EditorKeyAction | null {
  if (ctx.inTextField || e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.key === '?' || (e.key === '/' && e.shiftKey)) {
    // Over another dialog the sheet does not open, but an open sheet still closes.
    return !ctx.overlayOpen() || ctx.sheetOpen() ? 'toggle-sheet' : null;
  }
  if (e.key === 'Escape') return 'close';
  if (ctx.overlayOpen()) return null;
  if (!mod && e.key === ' ') return 'quick-add';
  if (!mod && key === 'f' && !e.shiftKey) return 'fit';
  if (!mod && key === 'l' && !e.shiftKey) return 'layout';
  if (mod && key === 'a') return 'select-all';
  if (mod && key === 'd') return 'duplicate';
  if (mod && key === 'c') return ctx.textSelected() ? null : 'copy';
  if (mod && key === 'v') return 'paste';
  return null;
}

export type AppKeyAction = 'train' | 'save' | 'save-as' | 'open' | 'undo' | 'redo';

/**
 * App keys: Ctrl/Cmd+Enter train/stop, +S save, +Shift+S save as, +O open, +Z / +Shift+Z (or +Y) undo/redo
 * outside text fields. In Electron the menu owns save, open, undo and redo (its accelerators send 'menu' events).
 */
export function appKeyAction(e: KeyPress, ctx: { electron: boolean; inTextField: boolean }): AppKeyAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'enter') return 'train';
  if (ctx.electron) return null;
  if (key === 's') return e.shiftKey ? 'save-as' : 'save';
  if (key === 'o') return 'open';
  if ((key === 'z' || key === 'y') && !ctx.inTextField) return key === 'y' || e.shiftKey ? 'redo' : 'undo';
  return null;
}

/** Typing goes to the field: an input, text area, select or editable element has the focus. */
export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
