// Keeps the user's work safe: the window title shows the file name and '•' when there are unsaved
// changes, closing asks while dirty, a recovery copy is autosaved every few seconds while dirty, and after
// a crash or reload the copy is offered back. Also opens a .layerlab.json dropped onto the window.
import { useEffect, useState } from 'react';
import { useGraphStore, useUi } from '../store/stores';
import { serializeGraph } from '../../../shared/graph/validate';
import { baseName } from './names';
import { clearRecovery, readRecovery, writeRecovery, type RecoveryCopy } from './recovery';
import { openDroppedFile } from './fileActions';
import { readGraphText } from './parse';

export const AUTOSAVE_MS = 3000;

function useTitle(): void {
  const name = useGraphStore((s) => (s.filePath ? baseName(s.filePath) : s.graph.name));
  const dirty = useGraphStore((s) => s.dirty);
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} — LayerLab`;
  }, [name, dirty]);
}

function useAskBeforeClosing(): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!useGraphStore.getState().dirty) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it to show the dialog
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}

/** Autosaves while dirty; holds off while an older copy is still on offer so it is not overwritten. */
function useAutosave(offerPending: boolean): void {
  useEffect(() => {
    if (offerPending) return;
    let lastSaved: unknown = null;
    const tick = () => {
      const { graph, dirty, filePath } = useGraphStore.getState();
      if (!dirty) {
        if (lastSaved !== null) clearRecovery();
        lastSaved = null;
        return;
      }
      if (graph === lastSaved) return;
      if (writeRecovery({ name: graph.name, filePath, content: serializeGraph(graph), savedAt: Date.now() })) lastSaved = graph;
    };
    const timer = setInterval(tick, AUTOSAVE_MS);
    // Leaving (reload, close, navigation): keep the latest state rather than the last tick's.
    window.addEventListener('pagehide', tick);
    // A clean document needs no recovery copy.
    const unsub = useGraphStore.subscribe((s, prev) => {
      if (prev.dirty && !s.dirty) {
        clearRecovery();
        lastSaved = null;
      }
    });
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', tick);
      unsub();
    };
  }, [offerPending]);
}

function useFileDrop(): void {
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      void openDroppedFile(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}

function RestoreOffer({ copy, onDone }: { copy: RecoveryCopy; onDone(): void }) {
  const when = new Date(copy.savedAt).toLocaleTimeString();
  const restore = () => {
    const parsed = readGraphText(copy.content);
    if (!parsed.ok) {
      useUi.getState().showError('Could not restore the unsaved changes', parsed.message);
    } else {
      useGraphStore.getState().load(parsed.graph, copy.filePath, { dirty: true });
      useUi.getState().toast(`Restored unsaved changes to "${copy.name}"`);
    }
    onDone();
  };
  const discard = () => {
    clearRecovery();
    onDone();
  };
  return (
    <div className="ll-banner ll-banner-info ll-restore" role="alert" data-testid="restore-offer">
      <span>
        Unsaved changes to <strong>{copy.name}</strong> from {when} were recovered.
      </span>
      <button type="button" className="ll-btn ll-btn-primary" data-testid="restore-accept" onClick={restore}>
        Restore
      </button>
      <button type="button" className="ll-btn" data-testid="restore-discard" onClick={discard}>
        Discard
      </button>
    </div>
  );
}

/** Mount once: title, close guard, autosave, file drop, and the restore offer (rendered here). */
export function FileSafety() {
  const [offer, setOffer] = useState<RecoveryCopy | null>(() => readRecovery());
  useTitle();
  useAskBeforeClosing();
  useAutosave(offer !== null);
  useFileDrop();
  return offer ? <RestoreOffer copy={offer} onDone={() => setOffer(null)} /> : null;
}
