import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, RunRecord, RunSummary } from '../../../shared/api';
import type { ExperimentRecord } from '../../../shared/experiments/types';
import { createRunsStore } from './runsStore';
import { createExperimentsStore } from './experimentsStore';

const summary = (id: string, startedAt: string, status: RunSummary['status'] = 'completed'): RunSummary => ({
  id, name: id, status, startedAt, durationMs: 1, backend: 'cpu', epochs: 1, final: { loss: 1 },
});

describe('runs store', () => {
  it('lists newest first, keeps selections of runs that still exist, caches finished records, deletes', async () => {
    let runs = [summary('a', '2026-01-01'), summary('b', '2026-01-03'), summary('c', '2026-01-02', 'running')];
    const gets: string[] = [];
    const api = {
      listRuns: async () => runs.map((r) => ({ ...r })),
      getRun: async ({ runId }: { runId: string }) => (gets.push(runId), { ...runs.find((r) => r.id === runId)! } as unknown as RunRecord),
      deleteRun: async ({ runId }: { runId: string }) => void (runs = runs.filter((r) => r.id !== runId)),
    } as unknown as ApiClient;
    const store = createRunsStore(api);
    await store.getState().refresh();
    expect(store.getState().runs.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    store.getState().toggle('a');
    store.getState().toggle('b');
    store.getState().toggle('a');
    store.getState().toggle('a');
    expect(store.getState().selected).toEqual(['b', 'a']);
    await store.getState().record('a');
    await store.getState().record('a');
    await store.getState().record('c');
    await store.getState().record('c');
    expect(gets).toEqual(['a', 'c', 'c']); // a finished run is fetched once, a running one each time
    await store.getState().open('b');
    await store.getState().remove('b');
    expect(store.getState()).toMatchObject({ openId: null, selected: ['a'] });
    expect(store.getState().runs.map((r) => r.id)).toEqual(['c', 'a']);
    runs = runs.filter((r) => r.id !== 'a');
    await store.getState().refresh();
    expect(store.getState().selected).toEqual([]);
  });
});

describe('experiments store', () => {
  afterEach(() => vi.useRealTimers());

  it('polls a running experiment until it ends, and shows a refused start as an error', async () => {
    vi.useFakeTimers();
    let status: ExperimentRecord['status'] = 'running';
    let polls = 0;
    const api = {
      startExperiment: async () => ({ experimentId: 'exp-1' }),
      listExperiments: async () => [],
      getExperiment: async () => (polls++, { id: 'exp-1', status } as ExperimentRecord),
    } as unknown as ApiClient;
    const store = createExperimentsStore(api);
    expect(await store.getState().start({} as never)).toBe(true);
    expect(store.getState().current?.status).toBe('running');
    await vi.advanceTimersByTimeAsync(2100);
    expect(polls).toBe(3);
    status = 'completed';
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().current?.status).toBe('completed');
    const after = polls;
    await vi.advanceTimersByTimeAsync(5000);
    expect(polls).toBe(after); // no more polling once it ended

    const refusing = createExperimentsStore({ ...api, startExperiment: async () => Promise.reject(new Error("Experiment: Parameter 'training.batchSize': value 0 is refused")) } as unknown as ApiClient);
    expect(await refusing.getState().start({} as never)).toBe(false);
    expect(refusing.getState().error).toContain('value 0 is refused');
  });
});
