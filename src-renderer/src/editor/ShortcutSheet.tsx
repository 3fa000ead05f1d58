// The keyboard shortcut sheet (? key or the ? button).
import { useTranslation } from 'react-i18next';
import { useEditor } from './editorStore';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/**
 * [keys as the English sheet names them (the shortcut test reads these), what they do, how the keys read in the
 * current language when they contain words (else null: key names stay as they are)].
 */
export const SHORTCUTS = [
  ['Space, or double-click the canvas', 'editor:editor.shortcuts.quickAdd', 'editor:editor.shortcuts.keys.spaceOrDoubleClick'],
  ['Drag a wire into empty space', 'editor:editor.shortcuts.quickAddWire', 'editor:editor.shortcuts.keys.dragWire'],
  [`${MOD}Z / ${MOD}Shift+Z or ${MOD}Y`, 'editor:editor.shortcuts.undoRedo', 'editor:editor.shortcuts.keys.undoRedo'],
  [`${MOD}C / ${MOD}V`, 'editor:editor.shortcuts.copyPaste', null],
  [`${MOD}D`, 'editor:editor.shortcuts.duplicate', null],
  [`${MOD}A`, 'editor:editor.shortcuts.selectAll', null],
  ['Shift+drag', 'editor:editor.shortcuts.boxSelect', 'editor:editor.shortcuts.keys.shiftDrag'],
  [`${MOD}click`, 'editor:editor.shortcuts.toggleSelect', 'editor:editor.shortcuts.keys.modClick'],
  ['Delete / Backspace', 'editor:editor.shortcuts.delete', null],
  ['F', 'editor:editor.shortcuts.fit', null],
  ['L', 'editor:editor.shortcuts.layout', null],
  [`${MOD}S / ${MOD}Shift+S / ${MOD}O`, 'editor:editor.shortcuts.file', null],
  [`${MOD}Enter`, 'editor:editor.shortcuts.train', null],
  ['?', 'editor:editor.shortcuts.sheet', null],
  ['Esc', 'editor:editor.shortcuts.closeBox', null],
] as const;

export function ShortcutSheet() {
  const { t } = useTranslation(['editor']);
  const open = useEditor((s) => s.shortcutsOpen);
  const setOpen = useEditor((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="ll-modal-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="ll-modal ll-shortcuts" role="dialog" aria-label={t('editor:editor.shortcuts.title')} data-testid="shortcut-sheet" onMouseDown={(e) => e.stopPropagation()}>
        <h2>{t('editor:editor.shortcuts.title')}</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what, keysText]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keysText ? t(keysText, { mod: MOD }) : keys}</kbd>
                </td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ll-modal-buttons">
          <button type="button" className="ll-btn" data-testid="shortcut-sheet-close" onClick={() => setOpen(false)}>
            {t('editor:editor.shortcuts.closeButton')}
          </button>
        </div>
      </div>
    </div>
  );
}
