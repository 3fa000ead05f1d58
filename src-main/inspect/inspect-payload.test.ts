// The look-inside requests at the api boundary: bad run ids, inputs, nodes and sample counts are refused with a
// message naming the field; a host without the service answers 'unsupported'; good requests pass unchanged.
import { describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch, type ApiDeps } from '../api-handlers';

const runId = 'run-20260101-120000-abcdef';
const calls: unknown[] = [];
const deps = {
  inspections: {
    activations: async (id: string, input: unknown) => (calls.push({ id, input }), { runId: id, nodes: [], notes: [] }),
    projection: async (req: unknown) => (calls.push(req), { runId, nodeId: 'd1', split: 'test', points: [], classNames: [], explained: [0, 0], candidates: [], notes: [] }),
  },
} as unknown as ApiDeps;

describe('inspectRun / projectRun payloads', () => {
  const api = createApiHandlers(deps);
  it.each([
    ['inspectRun', { runId: '../etc', input: { kind: 'sample', index: 0 } }, /runId/],
    ['inspectRun', { runId }, /input/],
    ['inspectRun', { runId, input: { kind: 'sample', index: -1 } }, /input.index/],
    ['inspectRun', { runId, input: { kind: 'video' } }, /kind/],
    ['projectRun', { runId, nodeId: 7 }, /nodeId/],
    ['projectRun', { runId, samples: 5000 }, /samples/],
  ])('%s %j is refused', async (method, payload, why) => {
    const r = await dispatch(api, method, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toMatch(why);
    }
  });

  it('good requests reach the service as sent', async () => {
    calls.length = 0;
    expect((await dispatch(api, 'inspectRun', { runId, input: { kind: 'sample', index: 4 } })).ok).toBe(true);
    expect((await dispatch(api, 'projectRun', { runId, nodeId: 'd1', samples: 200 })).ok).toBe(true);
    expect(calls).toEqual([{ id: runId, input: { kind: 'sample', index: 4 } }, { runId, nodeId: 'd1', samples: 200 }]);
  });

  it('a host without the service answers unsupported', async () => {
    const bare = createApiHandlers({} as ApiDeps);
    const r = await dispatch(bare, 'projectRun', { runId });
    expect(r.ok ? null : r.error.code).toBe('unsupported');
  });
});
