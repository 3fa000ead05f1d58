// Training run state for the bottom panel: starts and stops runs through the api and folds 'train' events
// of the current run into the view. Events that arrive before startTraining has answered are held back
// until the run id is known.
import { create } from 'zustand';
import type { ApiClient, TrainEvent } from '../../../shared/api';
import type { GraphFile } from '../../../shared/graph/types';
import { IDLE, isActive, reduceTrainEvent, type TrainView } from '../training/trainState';
import { RunSeries } from '../training/series';
import { graphIdOf } from '../../../shared/graph/identity';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

export interface TrainingState extends TrainView {
  series: RunSeries;
  start(graph: GraphFile): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export function createTrainingStore(api: ApiClient) {
  let early: TrainEvent[] = [];
  return create<TrainingState>((set, get) => {
    const apply = (ev: TrainEvent) => set(reduceTrainEvent(get(), ev, get().series));

    api.on('train', (ev) => {
      const s = get();
      if (s.status === 'starting' && s.runId === null) early.push(ev);
      else if (ev.runId === s.runId) apply(ev);
    });

    return {
      ...IDLE,
      series: new RunSeries(),

      async start(graph) {
        if (isActive(get().status)) return;
        get().series.clear();
        early = [];
        set({ ...IDLE, status: 'starting', graphId: graphIdOf(graph), graphName: graph.name });
        try {
          const { runId } = await api.startTraining({ graph });
          const held = early.filter((e) => e.runId === runId);
          early = [];
          set({ runId });
          for (const ev of held) apply(ev);
        } catch (err) {
          early = [];
          set({ status: 'failed', error: errorText(err), hint: null });
        }
      },

      async stop() {
        const { runId, status } = get();
        if (!runId || !isActive(status)) return;
        set({ status: 'stopping' });
        try {
          await api.stopTraining({ runId });
        } catch (err) {
          // The run may have ended meanwhile; keep whatever final state its events gave.
          set((s) => ({ status: s.status === 'stopping' ? 'running' : s.status, log: [...s.log, { level: 'error', message: i18n.t('common:status.stopFailed', { message: errorText(err) }) }] }));
        }
      },

      // The worker answers with 'paused' / 'resumed' events, which set the status.
      async pause() {
        const { runId, status } = get();
        if (!runId || status !== 'running') return;
        await api.pauseTraining({ runId }).catch((err: unknown) => set((s) => ({ log: [...s.log, { level: 'error', message: i18n.t('common:status.pauseFailed', { message: errorText(err) }) }] })));
      },

      async resume() {
        const { runId, status } = get();
        if (!runId || status !== 'paused') return;
        await api.resumeTraining({ runId }).catch((err: unknown) => set((s) => ({ log: [...s.log, { level: 'error', message: i18n.t('common:status.resumeFailed', { message: errorText(err) }) }] })));
      },
    };
  });
}
