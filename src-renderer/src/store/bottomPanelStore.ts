// Which view the bottom panel shows: the live run, the stored runs, or experiments.
import { create } from 'zustand';

export type BottomTab = 'live' | 'runs' | 'experiments';

export const useBottomPanel = create<{ tab: BottomTab; setTab(tab: BottomTab): void }>((set) => ({
  tab: 'live',
  setTab: (tab) => set({ tab }),
}));
