// The learning-rate finder's dialog state: one run at a time, computed by the host's job worker.
import { create } from 'zustand';
import type { LrFinderResult } from '../../../../shared/api';
import { api } from '../../api';
import { useGraphStore } from '../../store/stores';
import { errorText } from '../../../../shared/i18n/error-text';

interface LrFinderState {
  open: boolean;
  running: boolean;
  result: LrFinderResult | null;
  error: string | null;
  /** Opens the dialog and runs the finder on the graph on screen. */
  run(): Promise<void>;
  close(): void;
}

export const useLrFinder = create<LrFinderState>((set, get) => ({
  open: false,
  running: false,
  result: null,
  error: null,
  async run() {
    if (get().running) return set({ open: true });
    set({ open: true, running: true, result: null, error: null });
    try {
      const result = await api.findLearningRate({ graph: useGraphStore.getState().graph });
      set({ result, running: false });
    } catch (err) {
      set({ error: errorText(err), running: false });
    }
  },
  close: () => set({ open: false }),
}));
