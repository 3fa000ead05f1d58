// Editor keys (outside text fields and dialogs): Space quick-add, Ctrl/Cmd+C/V/D/A, F fit, L layout, ? sheet.
// Copy and paste go through the system clipboard's copy/paste events so they work between windows; the
// localStorage/in-memory clipboard is the fallback where those events do not carry data.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditor } from './editorStore';
import { autoLayoutAll, duplicateSelection, fallbackClipText, pasteText, selectNodes, selectionClipText } from './actions';
import { useGraphStore } from '../store/stores';
import { zoomToFit } from '../canvas/layout/arrange';
import type { ShapeFlowEdge } from '../store/toFlow';
import type { CanvasNode } from './collapse';
import { editorKeyAction, inTextField } from './shortcutKeys';

/**
 * The user selected page text outside the canvas (e.g. help text in the inspector): Ctrl/Cmd+C copies
 * that, not layers. Text caught by a box selection on the canvas does not count.
 */
function textSelected(): boolean {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.toString().trim() === '') return false;
  const anchor = sel.anchorNode;
  // A drag over the canvas can leave a selection anchored on the page itself; only real text counts.
  if (!anchor || anchor.nodeType !== Node.TEXT_NODE) return false;
  const canvas = document.querySelector('[data-testid="canvas"]');
  return !canvas?.contains(anchor);
}

/** A dialog or menu is open: leave keys to it. */
function overlayOpen(): boolean {
  return Boolean(document.querySelector('.ll-modal, [role="dialog"], [role="menu"]'));
}

/** Last pointer position over the canvas, for Space quick-add. */
const pointer = { x: 0, y: 0, inside: false };

export function trackPointer(e: { clientX: number; clientY: number }, inside: boolean): void {
  pointer.x = e.clientX;
  pointer.y = e.clientY;
  pointer.inside = inside;
}

export function useEditorShortcuts(): void {
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const { screenToFlowPosition } = flow;
  useEffect(() => {
    let copyEventSeen = false;
    let pasteEventSeen = false;

    const onKey = (e: KeyboardEvent) => {
      const action = editorKeyAction(e, {
        inTextField: inTextField(e.target),
        overlayOpen,
        sheetOpen: () => useEditor.getState().shortcutsOpen,
        textSelected,
      });
      if (action === null) return;
      // Copy, paste and Esc keep the browser's default (the copy/paste events depend on it).
      if (action !== 'close' && action !== 'copy' && action !== 'paste') e.preventDefault();
      switch (action) {
        case 'toggle-sheet':
          useEditor.getState().setShortcutsOpen(!useEditor.getState().shortcutsOpen);
          break;
        case 'close':
          useEditor.getState().setShortcutsOpen(false);
          useEditor.getState().closeQuickAdd();
          break;
        case 'quick-add': {
          let at = { x: pointer.x, y: pointer.y };
          if (!pointer.inside) {
            const r = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
            at = r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : at;
          }
          useEditor.getState().openQuickAdd({ screen: at, flow: screenToFlowPosition(at), from: null });
          break;
        }
        case 'fit':
          zoomToFit(flow);
          break;
        case 'layout':
          autoLayoutAll(flow);
          break;
        case 'select-all':
          selectNodes(useGraphStore.getState().nodes.map((n) => n.id));
          break;
        case 'duplicate':
          duplicateSelection();
          break;
        case 'copy': {
          // Let the browser fire 'copy' (which fills the system clipboard); if it does not, try the async API.
          const text = selectionClipText();
          copyEventSeen = false;
          if (text) {
            setTimeout(() => {
              if (!copyEventSeen) void navigator.clipboard?.writeText(text).catch(() => undefined);
            }, 50);
          }
          break;
        }
        case 'paste':
          // Paste comes from the 'paste' event; when none arrives, use the fallback clipboard.
          pasteEventSeen = false;
          setTimeout(() => {
            if (!pasteEventSeen) pasteText(fallbackClipText());
          }, 80);
          break;
      }
    };

    const onCopy = (e: ClipboardEvent) => {
      if (inTextField(e.target) || overlayOpen() || textSelected()) return;
      copyEventSeen = true;
      const text = selectionClipText();
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };

    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target) || overlayOpen()) return;
      pasteEventSeen = true;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      // Empty clipboard data (some hosts withhold it): use the fallback copy instead.
      if (pasteText(text || fallbackClipText())) e.preventDefault();
    };

    // Chromium runs its Copy/Paste commands (and so fires 'copy'/'paste') outside editable text only when
    // there is a text selection or a 'beforecopy'/'beforepaste' handler cancels the default: do that.
    const onBeforeCopy = (e: Event) => {
      if (!inTextField(e.target) && !overlayOpen() && !textSelected() && useGraphStore.getState().nodes.some((n) => n.selected)) e.preventDefault();
    };
    const onBeforePaste = (e: Event) => {
      if (!inTextField(e.target) && !overlayOpen()) e.preventDefault();
    };

    window.addEventListener('keydown', onKey);
    document.addEventListener('beforecopy', onBeforeCopy);
    document.addEventListener('beforepaste', onBeforePaste);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('beforecopy', onBeforeCopy);
      document.removeEventListener('beforepaste', onBeforePaste);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [screenToFlowPosition, flow]);
}
