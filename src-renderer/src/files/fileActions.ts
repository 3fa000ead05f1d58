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
import { TEMPLATES, getTemplate } from '../../../shared/templates';

let fileInput: HTMLInputElement | null = null;

/** The hidden file input the browser path opens files with (registered by <FileInput/>). */
export function registerFileInput(el: HTMLInputElement | null): void {
  fileInput = el;
}

async function confirmDiscard(): Promise<boolean> {
  if (!useGraphStore.getState().dirty) return true;
  return useUi.getState().ask('Discard unsaved changes?', `"${useGraphStore.getState().graph.name}" has changes that are not saved.`, 'Discard');
}

export async function newFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  useGraphStore.getState().load(newGraph(), null);
}

/** Opens a template's graph (asking first when there are unsaved changes); it is laid out as it opens. */
export async function loadTemplate(graph: GraphFile, label: string): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  useGraphStore.getState().load(structuredClone(graph), null, { layout: 'always' });
  useUi.getState().toast(`Loaded template "${label}"`);
  return true;
}

/**
 * Opens the built-in template with this id: the one way to open a template by id (the gallery,
 * `?template=ID` in the page's URL, `--template ID` on the app's command line). An unknown id changes
 * nothing and says which ids exist.
 */
export async function openTemplateById(id: string): Promise<boolean> {
  const t = getTemplate(id.trim());
  if (!t) {
    useUi.getState().showError(`No template "${id}"`, `Templates: ${TEMPLATES.map((x) => x.id).join(', ')}.`);
    return false;
  }
  return loadTemplate(t.graph, t.name);
}

let urlTemplateOpened = false;

/** At start: `?template=ID` in the page's URL opens that template (once per page load). */
export function openTemplateFromUrl(search: string): void {
  const id = new URLSearchParams(search).get('template');
  if (id === null || urlTemplateOpened) return;
  urlTemplateOpened = true;
  void openTemplateById(id);
}

/** Parses and loads file text; on a bad file shows the problem and keeps the current graph. */
export function openText(text: string, source: string, path: string | null): boolean {
  const result = readGraphText(text);
  if (!result.ok) {
    useUi.getState().showError(`Could not open ${source}`, result.message);
    return false;
  }
  useGraphStore.getState().load(result.graph, path);
  addRecent(source, path, text);
  useUi.getState().toast(`Opened ${source}`);
  return true;
}

export async function openFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  if (isElectronHost()) {
    try {
      const r = await api.openGraphFile();
      if (!r.canceled) openText(r.content, baseName(r.path), r.path);
    } catch (err) {
      useUi.getState().showError('Could not open the file', err instanceof Error ? err.message : String(err));
    }
    return;
  }
  if (!fileInput) return;
  fileInput.value = '';
  fileInput.click();
}

/** Called by the hidden input when the user picked a file. */
export async function openPickedFile(file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    useUi.getState().showError(`Could not read ${file.name}`, err instanceof Error ? err.message : String(err));
    return;
  }
  openText(text, file.name, null);
}

/** A file dropped onto the window: asks before discarding changes; a bad file changes nothing. */
export async function openDroppedFile(file: File): Promise<void> {
  if (!(await confirmDiscard())) return;
  await openPickedFile(file);
}

/** Reopens a recent file from its kept content (the browser cannot reopen by name). */
export async function openRecent(entry: RecentFile): Promise<void> {
  if (!entry.content) {
    useUi.getState().showError(`Could not reopen ${entry.name}`, 'The file was too large to keep a copy; open it with Open.');
    return;
  }
  if (!(await confirmDiscard())) return;
  openText(entry.content, entry.name, entry.path);
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
      useUi.getState().toast(`Saved ${baseName(r.path)}`);
    } catch (err) {
      useUi.getState().showError('Could not save', err instanceof Error ? err.message : String(err));
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
  useUi.getState().toast(`Downloaded ${suggestedName}`);
}

export function handleMenu(cmd: MenuCommand): void {
  switch (cmd.type) {
    case 'new':
      void newFile();
      break;
    case 'open':
      void (async () => {
        if (await confirmDiscard()) openText(cmd.content, baseName(cmd.path), cmd.path);
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
