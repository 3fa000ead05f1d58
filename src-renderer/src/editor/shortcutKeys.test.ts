// The keyboard rules (shortcutKeys.ts) that useEditorShortcuts and useShortcuts carry out, and the shortcut sheet
// checked against them: every key combination that does something is named in the sheet.
import { describe, expect, it, vi } from 'vitest';
import { appKeyAction, editorKeyAction, inTextField, type EditorKeyContext, type KeyPress } from './shortcutKeys';
import { SHORTCUTS } from './ShortcutSheet';

// The sheet's list is plain data; its component (not rendered here) reads the editor store, which needs a host.
vi.mock('./editorStore', () => ({ useEditor: () => undefined }));

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

function editorCtx(over: Partial<{ inTextField: boolean; overlayOpen: boolean; sheetOpen: boolean; textSelected: boolean }> = {}): EditorKeyContext {
  const s = { inTextField: false, overlayOpen: false, sheetOpen: false, textSelected: false, ...over };
  return { inTextField: s.inTextField, overlayOpen: () => s.overlayOpen, sheetOpen: () => s.sheetOpen, textSelected: () => s.textSelected };
}

const web = { electron: false, inTextField: false };

describe('editor keys', () => {
  it('maps each key to its action, Ctrl or Cmd alike', () => {
    expect(editorKeyAction(press(' '), editorCtx())).toBe('quick-add');
    expect(editorKeyAction(press('f'), editorCtx())).toBe('fit');
    expect(editorKeyAction(press('F'), editorCtx())).toBe('fit');
    expect(editorKeyAction(press('l'), editorCtx())).toBe('layout');
    expect(editorKeyAction(press('?'), editorCtx())).toBe('toggle-sheet');
    expect(editorKeyAction(press('/', { shiftKey: true }), editorCtx())).toBe('toggle-sheet');
    expect(editorKeyAction(press('Escape'), editorCtx())).toBe('close');
    for (const mod of [{ ctrlKey: true }, { metaKey: true }]) {
      expect(editorKeyAction(press('a', mod), editorCtx())).toBe('select-all');
      expect(editorKeyAction(press('d', mod), editorCtx())).toBe('duplicate');
      expect(editorKeyAction(press('c', mod), editorCtx())).toBe('copy');
      expect(editorKeyAction(press('V', mod), editorCtx())).toBe('paste');
    }
  });

  it('leaves plain letters, modified F/L/Space and unknown keys alone', () => {
    for (const k of ['a', 'c', 'd', 'v', 'x', '/', 'Enter', 'Delete']) expect(editorKeyAction(press(k), editorCtx())).toBeNull();
    expect(editorKeyAction(press('F', { shiftKey: true }), editorCtx())).toBeNull();
    expect(editorKeyAction(press('L', { shiftKey: true }), editorCtx())).toBeNull();
    expect(editorKeyAction(press('f', { ctrlKey: true }), editorCtx())).toBeNull();
    expect(editorKeyAction(press('l', { metaKey: true }), editorCtx())).toBeNull();
    expect(editorKeyAction(press(' ', { ctrlKey: true }), editorCtx())).toBeNull();
  });

  it('does nothing while typing in a field or with Alt held', () => {
    for (const k of [press(' '), press('f'), press('?'), press('Escape'), press('a', { ctrlKey: true })]) {
      expect(editorKeyAction(k, editorCtx({ inTextField: true }))).toBeNull();
      expect(editorKeyAction({ ...k, altKey: true }, editorCtx())).toBeNull();
    }
  });

  it('leaves keys to an open dialog, except Esc and closing the sheet itself', () => {
    const overlay = editorCtx({ overlayOpen: true });
    for (const k of [press(' '), press('f'), press('l'), press('a', { ctrlKey: true }), press('d', { ctrlKey: true }), press('c', { ctrlKey: true }), press('v', { ctrlKey: true })]) {
      expect(editorKeyAction(k, overlay)).toBeNull();
    }
    expect(editorKeyAction(press('?'), overlay)).toBeNull(); // the sheet does not open over another dialog
    expect(editorKeyAction(press('?'), editorCtx({ overlayOpen: true, sheetOpen: true }))).toBe('toggle-sheet');
    expect(editorKeyAction(press('Escape'), overlay)).toBe('close');
  });

  it('Ctrl+C copies selected page text (the browser does it), not layers', () => {
    expect(editorKeyAction(press('c', { ctrlKey: true }), editorCtx({ textSelected: true }))).toBeNull();
    // Other keys do not read the selection at all.
    const ctx = { ...editorCtx(), textSelected: () => { throw new Error('selection read'); } };
    expect(editorKeyAction(press('v', { ctrlKey: true }), ctx)).toBe('paste');
  });
});

describe('app keys', () => {
  it('maps Ctrl/Cmd+Enter, S, Shift+S, O, Z, Shift+Z and Y', () => {
    expect(appKeyAction(press('Enter', { ctrlKey: true }), web)).toBe('train');
    expect(appKeyAction(press('s', { metaKey: true }), web)).toBe('save');
    expect(appKeyAction(press('S', { ctrlKey: true, shiftKey: true }), web)).toBe('save-as');
    expect(appKeyAction(press('o', { ctrlKey: true }), web)).toBe('open');
    expect(appKeyAction(press('z', { ctrlKey: true }), web)).toBe('undo');
    expect(appKeyAction(press('Z', { ctrlKey: true, shiftKey: true }), web)).toBe('redo');
    expect(appKeyAction(press('y', { ctrlKey: true }), web)).toBe('redo');
  });

  it('needs Ctrl or Cmd, and not Alt', () => {
    for (const k of ['Enter', 's', 'o', 'z', 'y']) {
      expect(appKeyAction(press(k), web)).toBeNull();
      expect(appKeyAction(press(k, { ctrlKey: true, altKey: true }), web)).toBeNull();
    }
    expect(appKeyAction(press('x', { ctrlKey: true }), web)).toBeNull();
  });

  it('in Electron leaves save, open, undo and redo to the menu; training still toggles', () => {
    const electron = { electron: true, inTextField: false };
    for (const k of ['s', 'o', 'z', 'y']) expect(appKeyAction(press(k, { ctrlKey: true }), electron)).toBeNull();
    expect(appKeyAction(press('Enter', { ctrlKey: true }), electron)).toBe('train');
  });

  it('undo and redo in a text field belong to the field; save and train do not', () => {
    const typing = { electron: false, inTextField: true };
    expect(appKeyAction(press('z', { ctrlKey: true }), typing)).toBeNull();
    expect(appKeyAction(press('y', { ctrlKey: true }), typing)).toBeNull();
    expect(appKeyAction(press('s', { ctrlKey: true }), typing)).toBe('save');
    expect(appKeyAction(press('Enter', { ctrlKey: true }), typing)).toBe('train');
  });
});

describe('inTextField', () => {
  it('is true for inputs, text areas, selects and editable elements only', () => {
    const el = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable }) as unknown as EventTarget;
    for (const t of ['INPUT', 'TEXTAREA', 'SELECT']) expect(inTextField(el(t))).toBe(true);
    expect(inTextField(el('DIV', true))).toBe(true);
    expect(inTextField(el('DIV'))).toBe(false);
    expect(inTextField(el('BUTTON'))).toBe(false);
    expect(inTextField({} as EventTarget)).toBe(false); // window or document
    expect(inTextField(null)).toBe(false);
  });
});

describe('shortcut sheet', () => {
  // The sheet's names for keys (Node has no navigator.platform with "Mac", so the modifier reads "Ctrl+").
  const NAMES: Record<string, string> = { ' ': 'Space', Escape: 'Esc', Enter: 'Enter', '?': '?' };
  const KEYS = [...'abcdefghijklmnopqrstuvwxyz0123456789/', ' ', '?', 'Escape', 'Enter', 'Tab', 'Delete', 'Backspace', 'ArrowLeft'];
  const listed = new Set(SHORTCUTS.flatMap(([keys]) => keys.split(/ \/ | or |, /)).map((k) => k.trim()));

  type Combo = { key: string; mod: boolean; shift: boolean };
  const action = ({ key, mod, shift }: Combo) => {
    const e = press(key, { ctrlKey: mod, shiftKey: shift });
    return editorKeyAction(e, editorCtx()) ?? appKeyAction(e, web);
  };
  /** How the sheet should name a combination: a modifier that changes nothing is left out. */
  function label(c: Combo): string {
    if (c.key === '/' && c.shift) return label({ key: '?', mod: c.mod, shift: false }); // the same key
    const a = action(c);
    if (c.mod && action({ ...c, mod: false }) === a) return label({ ...c, mod: false });
    if (c.shift && action({ ...c, shift: false }) === a) return label({ ...c, shift: false });
    return `${c.mod ? 'Ctrl+' : ''}${c.shift ? 'Shift+' : ''}${NAMES[c.key] ?? c.key.toUpperCase()}`;
  }

  it('names every key combination the editor and app handle', () => {
    const handled: string[] = [];
    for (const key of KEYS) {
      for (const mod of [false, true]) {
        for (const shift of [false, true]) {
          if (action({ key, mod, shift }) !== null) handled.push(label({ key, mod, shift }));
        }
      }
    }
    // The enumeration really reaches the shortcuts (a broken label or action would leave this short).
    expect(new Set(handled)).toEqual(
      new Set(['Space', 'F', 'L', '?', 'Esc', 'Ctrl+A', 'Ctrl+D', 'Ctrl+C', 'Ctrl+V', 'Ctrl+Enter', 'Ctrl+S', 'Ctrl+Shift+S', 'Ctrl+O', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y']),
    );
    expect(handled.filter((k) => !listed.has(k))).toEqual([]);
  });
});
