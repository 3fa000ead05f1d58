// View state of the editor that is not part of the document: the quick-add box, snap to grid, theme,
// the shortcut sheet and the status line for refused wires. Theme and snap persist in localStorage.
import { create } from 'zustand';
import type { Shape } from '../../../shared/layers/types';
import { toggleBlockCollapsed } from './blockActions';

export type Theme = 'dark' | 'light';

/** Where a wire dragged into empty space started; the quick-add box connects the new node to it. */
export interface PendingWire {
  nodeId: string;
  handleId: string;
  /** 'source': dragged out of an output (new node goes after); 'target': out of an input (new node goes before). */
  handleType: 'source' | 'target';
  /** Shape on that output, when known. */
  shape: Shape | null;
}

export interface QuickAddState {
  /** Screen position of the box (the cursor when it opened). */
  screen: { x: number; y: number };
  /** Flow position where the node will be placed. */
  flow: { x: number; y: number };
  from: PendingWire | null;
}

interface EditorState {
  quickAdd: QuickAddState | null;
  snapToGrid: boolean;
  theme: Theme;
  shortcutsOpen: boolean;
  repeatOpen: boolean;
  /** Collapses or expands a repeated block; the state is saved in the file (not an undo step). */
  toggleBlock(id: string): void;
  /** Why the last wire was refused, shown near the cursor for a few seconds. */
  refusal: { message: string; x: number; y: number; at: number } | null;
  openQuickAdd(q: QuickAddState): void;
  closeQuickAdd(): void;
  toggleSnap(): void;
  toggleTheme(): void;
  setShortcutsOpen(open: boolean): void;
  setRepeatOpen(open: boolean): void;
  refuse(message: string, x: number, y: number): void;
  clearRefusal(): void;
}

const SNAP_KEY = 'layerlab.snapToGrid';
const THEME_KEY = 'layerlab.theme';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or quota: the setting just does not persist.
  }
}

export const useEditor = create<EditorState>((set, get) => ({
  quickAdd: null,
  snapToGrid: stored(SNAP_KEY) === 'true',
  theme: stored(THEME_KEY) === 'light' ? 'light' : 'dark',
  shortcutsOpen: false,
  repeatOpen: false,
  toggleBlock(id) {
    toggleBlockCollapsed(id);
  },
  refusal: null,
  openQuickAdd(q) {
    set({ quickAdd: q });
  },
  closeQuickAdd() {
    set({ quickAdd: null });
  },
  toggleSnap() {
    const snapToGrid = !get().snapToGrid;
    store(SNAP_KEY, String(snapToGrid));
    set({ snapToGrid });
  },
  toggleTheme() {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    store(THEME_KEY, theme);
    set({ theme });
  },
  setShortcutsOpen(open) {
    set({ shortcutsOpen: open });
  },
  setRepeatOpen(open) {
    set({ repeatOpen: open });
  },
  refuse(message, x, y) {
    const at = Date.now();
    set({ refusal: { message, x, y, at } });
    setTimeout(() => {
      if (get().refusal?.at === at) set({ refusal: null });
    }, 4000);
  },
  clearRefusal() {
    set({ refusal: null });
  },
}));
