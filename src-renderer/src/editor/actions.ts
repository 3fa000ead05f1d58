// Editor commands on the current selection: copy, paste, duplicate, align, auto-layout, add from the
// quick-add box. Every document change goes through the graph store's edit(), so each is one undo step.
import { useGraphStore, useUi } from '../store/stores';
import * as ops from '../store/graphOps';
import { alignNodes, copyNodes, parseClip, pasteNodes, type ClipPayload } from '../store/editOps';
import { autoLayoutCommand, type Flow } from '../canvas/layout/arrange';
import { inputHandles, getLayerDef, outputHandles, withDefaults } from '../../../shared/layers';
import type { PendingWire } from './editorStore';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

/** Where the clipboard copy lives when the system clipboard is not reachable; shared by tabs of this app. */
const FALLBACK_KEY = 'layerlab.clipboard';
let memoryClip: string | null = null;
/** Consecutive pastes of the same payload step further down-right, like most editors. */
let pasteCount = 0;

export function selectedIds(): string[] {
  return useGraphStore.getState().nodes.filter((n) => n.selected).map((n) => n.id);
}

/** Selects exactly these nodes (and no wires). */
export function selectNodes(ids: string[]): void {
  const want = new Set(ids);
  const s = useGraphStore.getState();
  useGraphStore.setState({
    nodes: s.nodes.map((n) => (Boolean(n.selected) === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
    edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  });
}

/** The clipboard text for the selection, or null when nothing is selected. */
export function selectionClipText(): string | null {
  const ids = selectedIds();
  if (ids.length === 0) return null;
  const text = JSON.stringify(copyNodes(useGraphStore.getState().graph, ids));
  rememberClip(text);
  pasteCount = 0;
  return text;
}

function rememberClip(text: string): void {
  memoryClip = text;
  try {
    localStorage.setItem(FALLBACK_KEY, text);
  } catch {
    // Quota or private mode: the in-memory copy still works in this window.
  }
}

/** The fallback clipboard: another tab's copy when it is newer in localStorage, else this window's. */
export function fallbackClipText(): string | null {
  try {
    return localStorage.getItem(FALLBACK_KEY) ?? memoryClip;
  } catch {
    return memoryClip;
  }
}

/** Pastes clipboard text; text that is not LayerLab nodes is ignored (returns false). */
export function pasteText(text: string | null): boolean {
  if (!text) return false;
  let clip: ClipPayload | null;
  try {
    clip = parseClip(text);
  } catch (err) {
    useUi.getState().toast(i18n.t('editor:editor.cannotPaste', { reason: errorText(err) }), 'error');
    return true;
  }
  if (!clip || clip.nodes.length === 0) return false;
  if (text !== fallbackClipText()) pasteCount = 0;
  rememberClip(text);
  pasteCount++;
  const step = 40 * pasteCount;
  let ids: string[] = [];
  useGraphStore.getState().edit((g) => {
    const r = pasteNodes(g, clip, { x: step, y: step });
    ids = r.ids;
    return r.graph;
  });
  selectNodes(ids);
  return true;
}

export function duplicateSelection(): void {
  const text = selectionClipText();
  if (text) pasteText(text);
}

export function deleteSelection(): void {
  const s = useGraphStore.getState();
  const nodes = s.nodes.filter((n) => n.selected).map((n) => n.id);
  const edges = s.edges.filter((e) => e.selected).map((e) => e.id);
  if (nodes.length || edges.length) s.deleteElements(nodes, edges);
}

export function alignSelection(side: 'left' | 'top'): void {
  const ids = selectedIds();
  if (ids.length < 2) {
    useUi.getState().toast(i18n.t('editor:editor.alignNeedsTwo'));
    return;
  }
  useGraphStore.getState().edit((g) => alignNodes(g, ids, side));
}

/** Lays the whole graph out (layered, left to right, wrapped into rows when long) and shows it; one undo step. */
export function autoLayoutAll(flow: Flow): void {
  void autoLayoutCommand(flow);
}

/** Adds `kind` at `position`; when a wire was dragged out into space, connects the new node to it. */
export function addFromQuickAdd(kind: string, position: { x: number; y: number }, from: PendingWire | null): string {
  const def = getLayerDef(kind);
  if (!def) return '';
  let id = '';
  useGraphStore.getState().edit((g) => {
    const added = ops.addNode(g, kind, position);
    id = added.id;
    if (!from) return added.graph;
    const params = withDefaults(def, {});
    if (from.handleType === 'source') {
      const inId = inputHandles(def, params)[0]?.id ?? 'in';
      return ops.connect(added.graph, { source: from.nodeId, sourceHandle: from.handleId, target: id, targetHandle: inId });
    }
    const outId = outputHandles(def, params)[0]?.id ?? 'out';
    return ops.connect(added.graph, { source: id, sourceHandle: outId, target: from.nodeId, targetHandle: from.handleId });
  });
  selectNodes(id ? [id] : []);
  return id;
}
