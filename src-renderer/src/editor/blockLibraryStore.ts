// The per-user library of saved blocks ("My blocks"), kept in localStorage so it is there in every graph.
// The palette lists these together with the blocks the open file carries in extras.blockLibrary.
import { create } from 'zustand';
import { parseSavedBlock, withBlock, type SavedBlock } from '../../../shared/graph/block-library';

const LIBRARY_KEY = 'layerlab.blockLibrary';

/** Reads the stored library; broken entries (hand-edited, older format) are skipped, not fatal. */
function readStored(): SavedBlock[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(LIBRARY_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    const out: SavedBlock[] = [];
    raw.forEach((entry, i) => {
      try {
        out.push(parseSavedBlock(entry, `My blocks [${i}]`));
      } catch (err) {
        console.warn(err instanceof Error ? err.message : err);
      }
    });
    return out;
  } catch {
    return [];
  }
}

interface BlockLibraryState {
  blocks: SavedBlock[];
  save(block: SavedBlock): void;
  remove(id: string): void;
}

function persist(blocks: SavedBlock[]): void {
  try {
    localStorage.setItem(LIBRARY_KEY, JSON.stringify(blocks));
  } catch {
    // Quota or private mode: the block is still in this window and in the file's library.
  }
}

export const useBlockLibrary = create<BlockLibraryState>((set, get) => ({
  blocks: readStored(),
  save(block) {
    const blocks = withBlock(get().blocks, block);
    persist(blocks);
    set({ blocks });
  },
  remove(id) {
    const blocks = get().blocks.filter((b) => b.id !== id);
    persist(blocks);
    set({ blocks });
  },
}));
