// Which node's activation the look-inside view shows, so the canvas can highlight that node.
import { create } from 'zustand';

interface InspectState {
  /** The node shown in the look-inside view, or null when none is open. */
  shownNodeId: string | null;
  show(nodeId: string | null): void;
}

export const useInspect = create<InspectState>((set) => ({
  shownNodeId: null,
  show: (nodeId) => set({ shownNodeId: nodeId }),
}));
