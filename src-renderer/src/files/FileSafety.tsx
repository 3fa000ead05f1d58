// Keeps the user's work safe: the window title shows the file name and '•' when there are unsaved
// changes, closing asks while dirty, a recovery copy is written to the host's data folder shortly after each
// change while dirty (recovery.ts), and after a crash or reload the copy is offered back. Also opens a
// .layerlab.json dropped onto the window.
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useGraphStore, useUi } from '../store/stores';
import { serializeGraph } from '../../../shared/graph/validate';
import { baseName } from './names';
import type { ReadRecoveryResult } from '../../../shared/api';
import { Autosaver } from './autosave';
import { clearRecovery, readRecovery, writeRecovery, type RecoveryCopy } from './recovery';
import { openDroppedFile } from './fileActions';
import { readGraphText } from './parse';
import { i18n } from '../../../shared/i18n/i18n';
import { formatTime } from '../../../shared/i18n/format';

/** Quiet time after an edit before the recovery copy is written, and the longest an edit waits while editing goes on. */
export const AUTOSAVE_DELAY_MS = 1000;
export const AUTOSAVE_MAX_WAIT_MS = 5000;

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

/** Autosaves the recovery copy while dirty (debounced, see autosave.ts); off until the earlier copy is dealt with. */
function useAutosave(enabled: boolean, copyExists: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const saver = new Autosaver({
      copyExists,
      write: async () => {
        const { graph, dirty, filePath } = useGraphStore.getState();
        if (!dirty) return true;
        return writeRecovery({ name: graph.name, filePath, content: serializeGraph(graph), savedAt: Date.now() });
      },
      clear: clearRecovery,
      delayMs: AUTOSAVE_DELAY_MS,
      maxWaitMs: AUTOSAVE_MAX_WAIT_MS,
    });
    if (useGraphStore.getState().dirty) saver.changed(true);
    const unsub = useGraphStore.subscribe((s, prev) => {
      if (s.graph !== prev.graph || s.dirty !== prev.dirty) saver.changed(s.dirty);
    });
    // Leaving (reload, close, navigation): write the latest state rather than wait for the timer.
    const onHide = () => saver.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      unsub();
      saver.dispose();
    };
  }, [enabled, copyExists]);
}

/** Read once per page load (StrictMode runs effects twice; a damaged file is reported by the first read only). */
let startupRead: Promise<ReadRecoveryResult> | null = null;

/** The copy an earlier start left: 'checking' until the host answered. */
function useEarlierCopy(): [RecoveryCopy | 'checking' | null, (restored: boolean) => void, boolean] {
  const [copy, setCopy] = useState<RecoveryCopy | 'checking' | null>('checking');
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    startupRead ??= readRecovery();
    startupRead.then(
      (r) => {
        if (!live) return;
        if (r.problem) useUi.getState().toast(r.problem, 'error');
        setCopy(r.copy);
      },
      (err) => {
        if (!live) return;
        console.warn('Could not look for a recovery copy:', err instanceof Error ? err.message : err);
        setCopy(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const done = (wasRestored: boolean) => {
    setRestored(wasRestored);
    setCopy(null);
  };
  return [copy, done, restored];
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

/** onDone(true): the copy was restored and is still on disk, to be replaced by autosave or cleared once saved. */
function RestoreOffer({ copy, onDone }: { copy: RecoveryCopy; onDone(restored: boolean): void }) {
  const { t } = useTranslation(['editor']);
  const when = formatTime(copy.savedAt);
  const restore = () => {
    const parsed = readGraphText(copy.content);
    if (!parsed.ok) {
      useUi.getState().showError(i18n.t('editor:files.cannotRestore'), parsed.message);
      onDone(false);
      return;
    }
    useGraphStore.getState().load(parsed.graph, copy.filePath, { dirty: true });
    useUi.getState().toast(i18n.t('editor:files.restored', { name: copy.name }));
    onDone(true);
  };
  const discard = () => {
    void clearRecovery();
    onDone(false);
  };
  return (
    <div className="ll-banner ll-banner-info ll-restore" role="alert" data-testid="restore-offer">
      <span>
        <Trans t={t} i18nKey="editor:files.recovered" values={{ name: copy.name, when }} components={{ b: <strong /> }} />
      </span>
      <button type="button" className="ll-btn ll-btn-primary" data-testid="restore-accept" onClick={restore}>
        {t('editor:files.restore')}
      </button>
      <button type="button" className="ll-btn" data-testid="restore-discard" onClick={discard}>
        {t('editor:files.discard')}
      </button>
    </div>
  );
}

/** Mount once: title, close guard, autosave, file drop, and the restore offer (rendered here). */
export function FileSafety() {
  const [offer, dismissOffer, restored] = useEarlierCopy();
  useTitle();
  useAskBeforeClosing();
  useAutosave(offer === null, restored);
  useFileDrop();
  return offer && offer !== 'checking' ? <RestoreOffer copy={offer} onDone={dismissOffer} /> : null;
}
