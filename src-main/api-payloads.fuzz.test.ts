// Property-based fuzzing (fast-check) of the api boundary: every method gets random payloads and mutations of a
// valid one (a field replaced by a wrong type, a hostile string, a huge number, or removed), and raw WebSocket
// messages get random text. Every call must answer with a response; a refusal is a clear error ('invalid',
// 'not_found', 'unsupported' or 'busy' with a one-line message naming the method), never 'internal' (an
// exception the checks let through), and whatever reaches a service has passed its check. Services are
// recording stand-ins. Fixed seed and run counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod, type WireResponse } from '../shared/api';
import { parseGraphFile, serializeGraph } from '../shared/graph/validate';
import { oneLineTextProblem } from '../shared/graph/text';
import { applyJsonMutation, jsonMutation, nastyValue } from '../shared/testing/json-mutations';
import { createApiHandlers, dispatch, type ApiDeps } from './api-handlers';
import { fakeDeps, sampleGraph } from './api-handlers.fakes';
import { answerMessage } from './web/ws-api';

/** Fixed; FUZZ_SEED=N explores other inputs by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 1515);
const TIME_BOUND_MS = 10_000;
const params = (numRuns: number) => ({ seed: SEED, numRuns, timeout: TIME_BOUND_MS, endOnFailure: true });

/** A valid payload per method (methods added later are fuzzed with random payloads only). */
const VALID: Partial<Record<ApiMethod, unknown>> = {
  getInfo: null,
  listDatasets: null,
  describeDataset: { dataset: sampleGraph().dataset },
  previewDataset: { dataset: sampleGraph().dataset, samples: 4 },
  startTraining: { graph: sampleGraph() },
  stopTraining: { runId: 'run-1' },
  pauseTraining: { runId: 'run-1' },
  resumeTraining: { runId: 'run-1' },
  listRuns: null,
  getRun: { runId: 'run-1' },
  deleteRun: { runId: 'run-1' },
  openGraphFile: null,
  saveGraphFile: { path: null, suggestedName: 'g', content: serializeGraph(sampleGraph()) },
  startExperiment: { graph: sampleGraph() },
  cancelExperiment: { experimentId: 'exp-1' },
  pauseExperiment: { experimentId: 'exp-1' },
  resumeExperiment: { experimentId: 'exp-1' },
  reorderExperiment: { experimentId: 'exp-1', queue: [1, 0] },
  getExperiment: { experimentId: 'exp-1' },
  listExperiments: null,
  exportRun: { runId: 'run-1', format: 'pytorch' },
  writeRecovery: { session: 's1', copy: { name: 'g', filePath: null, content: '{}', savedAt: 1 } },
  readRecovery: { session: 's1' },
  clearRecovery: { session: 's1' },
};

/** Every value a service received, by the kind of value, to check it passed its boundary check. */
interface Received {
  runIds: string[];
  experimentIds: string[];
  graphs: unknown[];
  sessions: string[];
}

function handlersWithRecorders(received: Received) {
  const deps = fakeDeps();
  const training = deps.training;
  const run = (id: string) => void received.runIds.push(id);
  const exp = (id: string) => void received.experimentIds.push(id);
  const full: ApiDeps = {
    ...deps,
    training: {
      ...training,
      start: (g) => (received.graphs.push(g), training.start(g)),
      stop: run, pause: run, resume: run, deleteRun: run,
      getRun: (id) => (run(id), training.getRun(id)),
    },
    experiments: {
      start: async (g) => (received.graphs.push(g), { experimentId: 'exp-1' }),
      cancel: async (id) => exp(id), pause: async (id) => exp(id), resume: async (id) => exp(id),
      reorder: async (id) => exp(id),
      get: async (id) => (exp(id), { id } as never),
      list: async () => [],
    },
    exports: { exportRun: async (id) => (run(id), { canceled: true }) },
    recovery: {
      write: async (s) => void received.sessions.push(s),
      read: async (s) => (received.sessions.push(s), null as never),
      clear: async (s) => void received.sessions.push(s),
    },
  };
  return createApiHandlers(full);
}

function expectClear(res: WireResponse, what: string): void {
  expect(res.kind, what).toBe('response');
  if (res.ok) return;
  expect(['invalid', 'not_found', 'unsupported', 'busy'], `${what}: ${res.error.code}: ${res.error.message}`).toContain(res.error.code);
  expect(res.error.message).not.toMatch(/\n\s+at /);
  expect(res.error.message.length).toBeLessThan(1000);
}

/** What reached a service passed its check: ids have their shape, graphs validate again, no control characters. */
function expectChecked(received: Received): void {
  for (const id of received.runIds) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
  for (const id of received.runIds) expect(id).not.toContain('..');
  for (const id of received.experimentIds) expect(id).toMatch(/^exp-[A-Za-z0-9_-]{1,100}$/);
  for (const s of received.sessions) expect(s).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  for (const g of received.graphs) {
    const again = parseGraphFile(JSON.stringify(g));
    expect(again.nodes.every((n) => oneLineTextProblem(n.label ?? '') === null)).toBe(true);
  }
}

const method = fc.constantFrom(...API_METHODS);

describe('fuzz: api payload checks', () => {
  it('random payloads for every method are answered, refused clearly when wrong', async () => {
    const received: Received = { runIds: [], experimentIds: [], graphs: [], sessions: [] };
    const h = handlersWithRecorders(received);
    const payload = fc.oneof(nastyValue, fc.dictionary(fc.constantFrom('runId', 'graph', 'dataset', 'samples', 'session', 'copy', 'experimentId', 'queue', 'format', 'path', 'content', 'suggestedName'), nastyValue));
    await fc.assert(
      fc.asyncProperty(method, payload, async (m, p) => {
        expectClear(await dispatch(h, m, p, 1), m);
      }),
      params(600),
    );
    expectChecked(received);
  });

  it('valid payloads with one or more fields replaced or removed are answered, refused clearly when wrong', async () => {
    const received: Received = { runIds: [], experimentIds: [], graphs: [], sessions: [] };
    const h = handlersWithRecorders(received);
    const withExample = API_METHODS.filter((m) => VALID[m] !== null && VALID[m] !== undefined);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withExample), fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), async (m, mutations) => {
        const p = structuredClone(VALID[m]) as Record<string, unknown>;
        for (const mu of mutations) applyJsonMutation(p, mu);
        expectClear(await dispatch(h, m, p, 2), m);
      }),
      params(800),
    );
    expectChecked(received);
    // The mutations left many payloads valid: the services were reached, so the checks above are not vacuous.
    expect(received.runIds.length + received.graphs.length + received.sessions.length + received.experimentIds.length).toBeGreaterThan(50);
  });

  it('random WebSocket text gets a response naming the problem', async () => {
    const h = handlersWithRecorders({ runIds: [], experimentIds: [], graphs: [], sessions: [] });
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ kind: fc.constantFrom('request', 'event', 'x'), id: fc.oneof(fc.integer(), nastyValue), method: fc.oneof(method, nastyValue), payload: nastyValue }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expectClear(await answerMessage(h, Buffer.from(t), false), t.slice(0, 80));
      }),
      params(400),
    );
  });
});
