// Commands on blocks: collapse/expand a repeated block, change its repeat count, save the selection as a
// reusable block and insert a saved one. Document changes go through the graph store (one undo step each,
// except collapsing, which only changes how the block is shown but is still saved with the file).
import { useGraphStore } from '../store/graphStore';
import { useUi } from '../store/uiStore';
import { repeatedBlocks, setBlockCollapsed } from '../../../shared/graph/repeat';
import { setRepeatCount } from '../../../shared/graph/block-count';
import { addToLibrary, removeFromLibrary, insertSavedBlock, makeSavedBlock, parseSavedBlock, type SavedBlock } from '../../../shared/graph/block-library';
import { SAVED_BLOCK_MIME } from '../canvas/dnd';
import { useBlockLibrary } from './blockLibraryStore';
import { selectNodes, selectedIds } from './actions';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';


/** Flips the block's collapsed state in extras.blocks without adding an undo step. */
export function toggleBlockCollapsed(blockId: string): void {
  const { graph } = useGraphStore.getState();
  const block = repeatedBlocks(graph).find((b) => b.id === blockId);
  if (!block) return;
  useGraphStore.setState({ graph: setBlockCollapsed(graph, blockId, !block.collapsed), dirty: true });
  // Expanded copies may land on other layers: the canvas lays the graph out if so, then fits it.
  if (block.collapsed) useGraphStore.getState().requestArrange('grow');
}

/** Changes how many times the block repeats (one undo step); returns the problem, or null when done. */
export function changeRepeatCount(blockId: string, times: number): string | null {
  try {
    useGraphStore.getState().edit((g) => setRepeatCount(g, blockId, times));
    return null;
  } catch (err) {
    return errorText(err);
  }
}

/** Saves the selected layers as a named block, in the file and in the user's library; returns the problem or null. */
export function saveSelectionAsBlock(name: string): string | null {
  let block: SavedBlock;
  try {
    block = makeSavedBlock(useGraphStore.getState().graph, selectedIds(), name);
  } catch (err) {
    return errorText(err);
  }
  useGraphStore.getState().edit((g) => addToLibrary(g, block));
  useBlockLibrary.getState().save(block);
  useUi.getState().toast(i18n.t('editor:editor.block.saved', { name: block.name }));
  return null;
}

/** Forgets a saved block: from the user's library and, when the open file carries it, from the file (one undo step). */
export function deleteSavedBlock(block: SavedBlock): void {
  const { graph } = useGraphStore.getState();
  if (removeFromLibrary(graph, block.id) !== graph) useGraphStore.getState().edit((g) => removeFromLibrary(g, block.id));
  useBlockLibrary.getState().remove(block.id);
  useUi.getState().toast(i18n.t('editor:editor.block.removed', { name: block.name }));
}

/** Inserts a fresh copy of a saved block with its top-left corner at `at` and selects it. */
export function insertBlock(block: SavedBlock, at: { x: number; y: number }): void {
  let ids: string[] = [];
  useGraphStore.getState().edit((g) => {
    const r = insertSavedBlock(g, block, at);
    ids = r.ids;
    return r.graph;
  });
  selectNodes(ids);
}

/** A saved block dropped from the palette (SAVED_BLOCK_MIME) is inserted at `at`; false when the drop is not one. */
export function dropSavedBlock(data: DataTransfer, at: { x: number; y: number }): boolean {
  const text = data.getData(SAVED_BLOCK_MIME);
  if (!text) return false;
  try {
    insertBlock(parseSavedBlock(JSON.parse(text), 'Dropped block'), at);
  } catch (err) {
    useUi.getState().toast(errorText(err), 'error');
  }
  return true;
}
