// The Runs panel's state: the stored runs (api.listRuns), which are selected for the overlay, the run shown
// in detail, and full records fetched on demand (api.getRun) and cached while they cannot change.
import { create } from 'zustand';
import type { ApiClient, RunRecord, RunSummary } from '../../../shared/api';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

export interface RunsState {
  runs: RunSummary[];
  loading: boolean;
  error: string | null;
  /** Run ids ticked for the overlay, in the order they were ticked. */
  selected: string[];
  /** Run shown in the detail pane. */
  openId: string | null;
  records: Record<string, RunRecord>;
  /** The Runs tab lists the runs of the graph on screen ('graph', the default) or every stored run. */
  scope: 'graph' | 'all';
  setScope(scope: 'graph' | 'all'): void;
  refresh(): Promise<void>;
  toggle(runId: string): void;
  open(runId: string | null): Promise<void>;
  /** The full record; finished runs are cached, running ones fetched again. */
  record(runId: string): Promise<RunRecord>;
  remove(runId: string): Promise<void>;
}


export function createRunsStore(api: ApiClient) {
  return create<RunsState>((set, get) => ({
    runs: [],
    loading: false,
    error: null,
    selected: [],
    openId: null,
    records: {},
    scope: 'graph',

    setScope(scope) {
      set({ scope });
    },

    async refresh() {
      set({ loading: true });
      try {
        const runs = await api.listRuns();
        runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        const ids = new Set(runs.map((r) => r.id));
        set((s) => ({ runs, loading: false, error: null, selected: s.selected.filter((id) => ids.has(id)), openId: s.openId && ids.has(s.openId) ? s.openId : null }));
      } catch (err) {
        set({ loading: false, error: i18n.t('common:status.runsListFailed', { message: errorText(err) }) });
      }
    },

    toggle(runId) {
      set((s) => ({ selected: s.selected.includes(runId) ? s.selected.filter((id) => id !== runId) : [...s.selected, runId] }));
    },

    async open(runId) {
      set({ openId: runId });
      if (runId) await get().record(runId).catch((err: unknown) => set({ error: errorText(err) }));
    },

    async record(runId) {
      const cached = get().records[runId];
      if (cached && cached.status !== 'running') return cached;
      const rec = await api.getRun({ runId });
      set((s) => ({ records: { ...s.records, [runId]: rec } }));
      return rec;
    },

    async remove(runId) {
      await api.deleteRun({ runId });
      set((s) => {
        const records = { ...s.records };
        delete records[runId];
        return {
          records,
          runs: s.runs.filter((r) => r.id !== runId),
          selected: s.selected.filter((id) => id !== runId),
          openId: s.openId === runId ? null : s.openId,
        };
      });
    },
  }));
}
