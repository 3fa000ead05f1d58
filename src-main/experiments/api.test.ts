// The experiment methods of the api: payloads checked at the boundary, calls reach the runner.
import { describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch, type ExperimentsLike } from '../api-handlers';
import { fakeDeps, sampleGraph } from '../api-handlers.fakes';

function recordingRunner() {
  const calls: unknown[][] = [];
  const runner: ExperimentsLike = {
    start: async (g) => (calls.push(['start', g.name]), { experimentId: 'exp-1' }),
    cancel: async (id) => void calls.push(['cancel', id]),
    pause: async (id) => void calls.push(['pause', id]),
    resume: async (id) => void calls.push(['resume', id]),
    reorder: async (id, q) => void calls.push(['reorder', id, q]),
    get: async (id) => (calls.push(['get', id]), {}) as never,
    list: async () => (calls.push(['list']), []),
  };
  return { runner, calls };
}

describe('experiment api methods', () => {
  it('pass checked payloads to the runner', async () => {
    const { runner, calls } = recordingRunner();
    const h = createApiHandlers(fakeDeps({ experiments: runner }));
    expect(await dispatch(h, 'startExperiment', { graph: sampleGraph() })).toMatchObject({ ok: true, result: { experimentId: 'exp-1' } });
    for (const m of ['cancelExperiment', 'pauseExperiment', 'resumeExperiment', 'getExperiment'] as const) {
      expect((await dispatch(h, m, { experimentId: 'exp-a_1' })).ok).toBe(true);
    }
    expect((await dispatch(h, 'reorderExperiment', { experimentId: 'exp-a', queue: [2, 1] })).ok).toBe(true);
    expect((await dispatch(h, 'listExperiments', undefined)).ok).toBe(true);
    expect(calls).toEqual([['start', 'tiny'], ['cancel', 'exp-a_1'], ['pause', 'exp-a_1'], ['resume', 'exp-a_1'], ['get', 'exp-a_1'], ['reorder', 'exp-a', [2, 1]], ['list']]);
  });

  it('refuse bad ids and queues with the field named', async () => {
    const h = createApiHandlers(fakeDeps({ experiments: recordingRunner().runner }));
    expect(await dispatch(h, 'getExperiment', { experimentId: '../etc' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining("getExperiment: 'experimentId' \"../etc\" is not an experiment id") } });
    expect(await dispatch(h, 'reorderExperiment', { experimentId: 'exp-a', queue: [1, -2] })).toMatchObject({ ok: false, error: { message: expect.stringContaining("'queue' must be a list of trial indices") } });
    expect(await dispatch(h, 'startExperiment', { graph: { ...sampleGraph(), nodes: 'x' } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('answer unsupported when the host has no runner', async () => {
    const h = createApiHandlers(fakeDeps());
    expect(await dispatch(h, 'listExperiments', undefined)).toMatchObject({ ok: false, error: { code: 'unsupported', message: 'listExperiments: this host has no experiment runner' } });
  });
});
