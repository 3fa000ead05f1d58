// The experiment view's state: stored experiments, the one shown, and polling it while it runs (the api
// has no experiment event stream; trial curves come from the runs' records).
import { create } from 'zustand';
import type { ApiClient } from '../../../shared/api';
import type { GraphFile } from '../../../shared/graph/types';
import type { ExperimentRecord, ExperimentSummary } from '../../../shared/experiments/types';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

export interface ExperimentsState {
  list: ExperimentSummary[];
  currentId: string | null;
  current: ExperimentRecord | null;
  error: string | null;
  refresh(): Promise<void>;
  show(id: string | null): Promise<void>;
  start(graph: GraphFile): Promise<boolean>;
  control(action: 'pause' | 'resume' | 'cancel'): Promise<void>;
  reorder(queue: number[]): Promise<void>;
}

const POLL_MS = 1000;

export function createExperimentsStore(api: ApiClient) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return create<ExperimentsState>((set, get) => {
    const poll = async () => {
      timer = null;
      const id = get().currentId;
      if (!id) return;
      try {
        const current = await api.getExperiment({ experimentId: id });
        if (get().currentId !== id) return;
        set({ current, error: null });
        if (current.status === 'running' || current.status === 'paused') timer = setTimeout(() => void poll(), POLL_MS);
        else void get().refresh();
      } catch (err) {
        set({ error: errorText(err) });
      }
    };

    return {
      list: [],
      currentId: null,
      current: null,
      error: null,

      async refresh() {
        try {
          set({ list: await api.listExperiments() });
        } catch (err) {
          set({ error: i18n.t('common:status.experimentsListFailed', { message: errorText(err) }) });
        }
      },

      async show(id) {
        if (timer) clearTimeout(timer);
        timer = null;
        set({ currentId: id, current: null });
        if (id) await poll();
      },

      async start(graph) {
        try {
          const { experimentId } = await api.startExperiment({ graph });
          set({ error: null });
          await get().refresh();
          await get().show(experimentId);
          return true;
        } catch (err) {
          set({ error: errorText(err) });
          return false;
        }
      },

      async control(action) {
        const id = get().currentId;
        if (!id) return;
        try {
          if (action === 'pause') await api.pauseExperiment({ experimentId: id });
          else if (action === 'resume') await api.resumeExperiment({ experimentId: id });
          else await api.cancelExperiment({ experimentId: id });
        } catch (err) {
          set({ error: errorText(err) });
        }
        await get().show(id);
      },

      async reorder(queue) {
        const id = get().currentId;
        if (!id) return;
        try {
          await api.reorderExperiment({ experimentId: id, queue });
        } catch (err) {
          set({ error: errorText(err) });
        }
        await get().show(id);
      },
    };
  });
}
