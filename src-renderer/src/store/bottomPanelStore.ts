// Which view the bottom panel shows (the lesson, the live run, the stored runs, experiments) and whether it is
// collapsed to its tab strip (to give the canvas the height).
import { create } from 'zustand';

export type BottomTab = 'lesson' | 'live' | 'runs' | 'experiments';

interface BottomPanelState {
  tab: BottomTab;
  collapsed: boolean;
  /** Shows the tab (and the panel, if it was collapsed). */
  setTab(tab: BottomTab): void;
  setCollapsed(collapsed: boolean): void;
}

export const useBottomPanel = create<BottomPanelState>((set) => ({
  tab: 'live',
  collapsed: false,
  setTab: (tab) => set({ tab, collapsed: false }),
  setCollapsed: (collapsed) => set({ collapsed }),
}));
