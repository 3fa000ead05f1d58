// The keyboard shortcut sheet (? key or the ? button).
import { useEditor } from './editorStore';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export const SHORTCUTS: [string, string][] = [
  ['Space, or double-click the canvas', 'Quick-add a layer at the cursor'],
  ['Drag a wire into empty space', 'Quick-add a layer that fits the wire'],
  [`${MOD}Z / ${MOD}Shift+Z or ${MOD}Y`, 'Undo / redo'],
  [`${MOD}C / ${MOD}V`, 'Copy / paste selected layers (also between windows)'],
  [`${MOD}D`, 'Duplicate selected layers'],
  [`${MOD}A`, 'Select all layers'],
  ['Shift+drag', 'Select with a box'],
  [`${MOD}click`, 'Add to or remove from the selection'],
  ['Delete / Backspace', 'Delete the selection'],
  ['F', 'Zoom to fit'],
  ['L', 'Auto-layout left to right'],
  [`${MOD}S / ${MOD}Shift+S / ${MOD}O`, 'Save / save as / open'],
  [`${MOD}Enter`, 'Train / stop'],
  ['?', 'This sheet'],
  ['Esc', 'Close a box or this sheet'],
];

export function ShortcutSheet() {
  const open = useEditor((s) => s.shortcutsOpen);
  const setOpen = useEditor((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="ll-modal-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="ll-modal ll-shortcuts" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcut-sheet" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ll-modal-buttons">
          <button type="button" className="ll-btn" data-testid="shortcut-sheet-close" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
