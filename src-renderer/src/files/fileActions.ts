// New / Open / Save / templates. Electron uses native dialogs through the api; the browser downloads a
// file and opens one through a hidden <input type=file>. A bad file shows an error and changes nothing.
import type { GraphFile } from '../../../shared/graph/types';
import type { MenuCommand } from '../../../shared/api';
import { api } from '../api';
import { useGraphStore, useUi, isElectronHost } from '../store/stores';
import { newGraph } from '../store/defaults';
import { readGraphText } from './parse';
import { baseName, graphFileName } from './names';
import { serializeGraph } from '../../../shared/graph/validate';
import { addRecent, type RecentFile } from './recent';
import { getTemplate, templateIds } from '../../../shared/templates';
import { useBottomPanel } from '../store/bottomPanelStore';
import { bytesToBase64, importedModelName, isOnnxFileName, openedJsonKind } from './modelFile';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

let fileInput: HTMLInputElement | null = null;

/** The hidden file input the browser path opens files with (registered by <FileInput/>). */
export function registerFileInput(el: HTMLInputElement | null): void {
  fileInput = el;
}

async function confirmDiscard(): Promise<boolean> {
  if (!useGraphStore.getState().dirty) return true;
  return useUi.getState().ask(i18n.t('editor:files.discardTitle'), i18n.t('editor:files.discardText', { name: useGraphStore.getState().graph.name }), i18n.t('editor:files.discard'));
}

export async function newFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  useGraphStore.getState().load(newGraph(), null);
}

/** Opens a template's graph as a new, unsaved document, laid out as it opens; false when the user kept their unsaved changes. */
export async function loadTemplate(graph: GraphFile): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  useGraphStore.getState().load(structuredClone(graph), null, { layout: 'always' });
  return true;
}

/**
 * Opens the built-in template with this id: the one way to open a template by id (the gallery,
 * `?template=ID` in the page's URL, `--template ID` on the app's command line). An unknown id changes
 * nothing and says which ids exist. The lesson replaces a "Loaded template" toast: it stays on screen in the
 * bottom panel.
 */
export async function openTemplateById(id: string): Promise<boolean> {
  const t = getTemplate(id.trim());
  if (!t) {
    useUi.getState().showError(i18n.t('editor:files.noTemplate', { id }), i18n.t('editor:files.templateList', { ids: templateIds().join(', ') }));
    return false;
  }
  const opened = await loadTemplate(t.graph);
  if (opened) useBottomPanel.getState().setTab('lesson');
  return opened;
}

let urlTemplateOpened = false;

/** At start: `?template=ID` in the page's URL opens that template (once per page load). */
export function openTemplateFromUrl(search: string): void {
  const id = new URLSearchParams(search).get('template');
  if (id === null || urlTemplateOpened) return;
  urlTemplateOpened = true;
  void openTemplateById(id);
}

/** The importer's sentence about the dataset it picked (or the shapes the model needs), after a space. */
const withNote = (note: string | undefined) => (note ? ` ${note}` : '');

/** A Keras / tfjs model.json: the host's importer makes it a new, unsaved graph; a bad one changes nothing. */
async function importModelText(text: string, source: string): Promise<boolean> {
  // The host imports in its job worker, which may have to start first: say something meanwhile.
  useUi.getState().toast(i18n.t('editor:files.importing', { source }), 'info', 'file');
  try {
    const { graph, datasetNote } = await api.importModel({ content: text, name: importedModelName(source) });
    useGraphStore.getState().load(graph, null, { dirty: true });
    useUi.getState().toast(i18n.t('editor:files.importedModel', { source, n: graph.nodes.length, note: withNote(datasetNote) }), 'info', 'file');
    return true;
  } catch (err) {
    useUi.getState().dismissKey('file');
    useUi.getState().showError(i18n.t('editor:files.cannotImport', { source }), errorText(err));
    return false;
  }
}

/** An ONNX model (its bytes as base64): the host imports its graph and stores its weights as a run; a bad one changes nothing. */
async function importOnnxBase64(base64: string, source: string): Promise<boolean> {
  useUi.getState().toast(i18n.t('editor:files.importing', { source }), 'info', 'file');
  try {
    const { graph, runId, datasetNote } = await api.importModel({ content: base64, name: importedModelName(source), encoding: 'base64' });
    useGraphStore.getState().load(graph, null, { dirty: true });
    const weights = runId ? i18n.t('editor:files.onnxWeightsRun', { name: graph.name }) : i18n.t('editor:files.onnxNoWeights');
    useUi.getState().toast(i18n.t('editor:files.importedOnnx', { source, n: graph.nodes.length, weights, note: withNote(datasetNote) }), 'info', 'file');
    return true;
  } catch (err) {
    useUi.getState().dismissKey('file');
    useUi.getState().showError(i18n.t('editor:files.cannotImport', { source }), errorText(err));
    return false;
  }
}

/** Parses and loads file text (a graph, or a model file to import); on a bad file shows the problem and keeps the current graph. */
export async function openText(text: string, source: string, path: string | null): Promise<boolean> {
  if (openedJsonKind(text) === 'model') return importModelText(text, source);
  const result = readGraphText(text);
  if (!result.ok) {
    useUi.getState().showError(i18n.t('editor:files.cannotOpen', { source }), result.message);
    return false;
  }
  useGraphStore.getState().load(result.graph, path);
  addRecent(source, path, text);
  useUi.getState().toast(i18n.t('editor:files.opened', { source }), 'info', 'file');
  return true;
}

export async function openFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  if (isElectronHost()) {
    try {
      const r = await api.openGraphFile();
      if (!r.canceled && r.encoding === 'base64') await importOnnxBase64(r.content, baseName(r.path));
      else if (!r.canceled) await openText(r.content, baseName(r.path), r.path);
    } catch (err) {
      useUi.getState().showError(i18n.t('editor:files.cannotOpenFile'), errorText(err));
    }
    return;
  }
  if (!fileInput) return;
  fileInput.value = '';
  fileInput.click();
}

/** Called by the hidden input when the user picked a file. */
export async function openPickedFile(file: File): Promise<void> {
  if (isOnnxFileName(file.name)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      useUi.getState().showError(i18n.t('editor:files.cannotRead', { name: file.name }), errorText(err));
      return;
    }
    await importOnnxBase64(bytesToBase64(bytes), file.name);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    useUi.getState().showError(i18n.t('editor:files.cannotRead', { name: file.name }), errorText(err));
    return;
  }
  await openText(text, file.name, null);
}

/** A file dropped onto the window: asks before discarding changes; a bad file changes nothing. */
export async function openDroppedFile(file: File): Promise<void> {
  if (!(await confirmDiscard())) return;
  await openPickedFile(file);
}

/** Reopens a recent file from its kept content (the browser cannot reopen by name). */
export async function openRecent(entry: RecentFile): Promise<void> {
  if (!entry.content) {
    useUi.getState().showError(i18n.t('editor:files.cannotReopen', { name: entry.name }), i18n.t('editor:files.tooLargeToKeep'));
    return;
  }
  if (!(await confirmDiscard())) return;
  await openText(entry.content, entry.name, entry.path);
}

export async function saveFile(saveAs = false): Promise<void> {
  const { graph, filePath } = useGraphStore.getState();
  const content = serializeGraph(graph);
  const suggestedName = graphFileName(graph.name);
  if (isElectronHost()) {
    try {
      const r = await api.saveGraphFile({ path: saveAs ? null : filePath, suggestedName, content });
      if (r.canceled) return;
      // Only mark clean if nothing changed while the dialog was open.
      if (useGraphStore.getState().graph === graph) useGraphStore.getState().markSaved(r.path);
      addRecent(baseName(r.path), r.path, content);
      useUi.getState().toast(i18n.t('editor:files.saved', { name: baseName(r.path) }), 'info', 'file');
    } catch (err) {
      useUi.getState().showError(i18n.t('editor:files.cannotSave'), errorText(err));
    }
    return;
  }
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  useGraphStore.getState().markSaved(null);
  addRecent(suggestedName, null, content);
  useUi.getState().toast(i18n.t('editor:files.downloaded', { name: suggestedName }), 'info', 'file');
}

export function handleMenu(cmd: MenuCommand): void {
  switch (cmd.type) {
    case 'new':
      void newFile();
      break;
    case 'open':
      void (async () => {
        if (await confirmDiscard()) await openText(cmd.content, baseName(cmd.path), cmd.path);
      })();
      break;
    case 'save':
      void saveFile(false);
      break;
    case 'saveAs':
      void saveFile(true);
      break;
    case 'undo':
      useGraphStore.getState().undo();
      break;
    case 'redo':
      useGraphStore.getState().redo();
      break;
    case 'openTemplate':
      void openTemplateById(cmd.id);
      break;
  }
}
