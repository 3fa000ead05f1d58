import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, ApiError } from '../shared/api';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps, sampleGraph } from './api-handlers.fakes';
import { RecoveryStore } from './files/recovery-store';

describe('createApiHandlers: contract', () => {
  it('implements exactly the methods listed in API_METHODS', () => {
    const handlers = createApiHandlers(fakeDeps());
    for (const method of API_METHODS) expect(typeof handlers[method], `handler for ${method}`).toBe('function');
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort());
  });

  it('dispatch reaches every method (none is reported unknown)', async () => {
    const handlers = createApiHandlers(fakeDeps());
    for (const method of API_METHODS) {
      const res = await dispatch(handlers, method, undefined, 7);
      expect(res.id).toBe(7);
      if (!res.ok) expect(res.error.message).not.toMatch(/Unknown api method/);
    }
  });
});

describe('dispatch', () => {
  const handlers = createApiHandlers(fakeDeps());

  it('rejects unknown methods, including prototype names, with the list of known ones', async () => {
    for (const method of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      const res = await dispatch(handlers, method, undefined, 3);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('invalid');
        expect(res.error.message).toMatch(/Unknown api method/);
        expect(res.error.message).toContain('startTraining');
      }
    }
  });

  it('returns results with ok: true', async () => {
    const res = await dispatch(handlers, 'getInfo', undefined);
    expect(res).toMatchObject({ kind: 'response', ok: true, result: { host: 'web', version: '0.0.0-test' } });
  });

  it('keeps ApiError codes and wraps other errors as internal with the method name', async () => {
    const deps = fakeDeps();
    deps.training.listRuns = () => {
      throw new Error('disk on fire');
    };
    deps.training.stop = () => {
      throw new ApiError('not_found', 'no run x');
    };
    const h = createApiHandlers(deps);
    const silenced = console.error;
    console.error = () => {};
    try {
      expect(await dispatch(h, 'listRuns', undefined)).toMatchObject({ ok: false, error: { code: 'internal', message: 'listRuns failed: disk on fire' } });
    } finally {
      console.error = silenced;
    }
    expect(await dispatch(h, 'stopTraining', { runId: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'no run x' } });
  });
});

describe('payload validation at the boundary', () => {
  async function errorOf(method: string, payload: unknown): Promise<string> {
    const res = await dispatch(createApiHandlers(fakeDeps()), method, payload);
    if (res.ok) throw new Error(`${method} accepted ${JSON.stringify(payload)}`);
    expect(res.error.code).toBe('invalid');
    return res.error.message;
  }

  it('startTraining needs an object with a graph', async () => {
    expect(await errorOf('startTraining', undefined)).toBe('startTraining: payload must be an object, got undefined');
    expect(await errorOf('startTraining', 'graph')).toMatch(/payload must be an object, got the string "graph"/);
    expect(await errorOf('startTraining', {})).toMatch(/'graph' must be a graph object/);
    expect(await errorOf('startTraining', { graph: { ...sampleGraph(), nodes: 'x' } })).toBe(
      "startTraining: 'graph' is not a valid LayerLab graph: nodes: must be a list of nodes, got \"x\"",
    );
    const badDataset = { ...sampleGraph(), dataset: { ...sampleGraph().dataset, validationSplit: 0.9 } };
    expect(await errorOf('startTraining', { graph: badDataset })).toMatch(/dataset.validationSplit: must be at most 0.5, got 0.9/);
  });

  it('startTraining passes a good graph to the service and returns its run id', async () => {
    const deps = fakeDeps();
    const res = await dispatch(createApiHandlers(deps), 'startTraining', { graph: sampleGraph() });
    expect(res).toMatchObject({ ok: true, result: { runId: 'run-1' } });
    expect(deps.training.calls).toEqual([{ method: 'start', arg: sampleGraph() }]);
  });

  it('uses the injected graph parser and reports its message', async () => {
    const deps = fakeDeps({
      parseGraph: () => {
        throw new Error("node 'd1': unknown kind 'Dens'");
      },
    });
    const res = await dispatch(createApiHandlers(deps), 'startTraining', { graph: sampleGraph() });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid', message: "startTraining: 'graph' is not a valid LayerLab graph: node 'd1': unknown kind 'Dens'" } });
    expect(deps.training.calls).toEqual([]);
  });

  it('run ids must be safe names (no path traversal into the run store)', async () => {
    expect(await errorOf('getRun', { runId: '../../etc' })).toMatch(/is not a run id/);
    expect(await errorOf('deleteRun', { runId: '' })).toMatch(/is not a run id/);
    expect(await errorOf('stopTraining', { runId: 5 })).toMatch(/'runId' must be a string, got a number/);
    expect(await errorOf('pauseTraining', null)).toMatch(/payload must be an object, got null/);
  });

  it('void methods refuse a payload but tolerate null and {}', async () => {
    expect(await errorOf('listRuns', { x: 1 })).toBe('listRuns: takes no payload, got an object');
    const h = createApiHandlers(fakeDeps());
    expect((await dispatch(h, 'listRuns', null)).ok).toBe(true);
    expect((await dispatch(h, 'listDatasets', {})).ok).toBe(true);
  });

  it('describeDataset checks the config', async () => {
    expect(await errorOf('describeDataset', { dataset: { id: 'mnist' } })).toMatch(/'dataset.representation' must be one of vector, matrix, image, sequence/);
    const res = await dispatch(createApiHandlers(fakeDeps()), 'describeDataset', { dataset: { ...sampleGraph().dataset, limit: 50 } });
    expect(res).toMatchObject({ ok: true, result: { trainSize: 50 } });
  });

  it('saveGraphFile refuses non-JSON content so nothing broken is written', async () => {
    expect(await errorOf('saveGraphFile', { path: null, suggestedName: 'a', content: '{oops' })).toMatch(/'content' is not JSON .*nothing was written/);
    expect(await errorOf('saveGraphFile', { path: 3, suggestedName: 'a', content: '{}' })).toMatch(/'path' must be a file path or null/);
  });

  it('getRun of an unknown run is not_found', async () => {
    const res = await dispatch(createApiHandlers(fakeDeps()), 'getRun', { runId: 'missing' });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found', message: "getRun: no run with id 'missing'" } });
  });
});

describe('recovery copies', () => {
  const good = { name: 'g', filePath: null, content: JSON.stringify(sampleGraph()), savedAt: 1 };

  async function withStore<T>(fn: (h: ReturnType<typeof createApiHandlers>, dir: string) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-api-recovery-'));
    try {
      return await fn(createApiHandlers(fakeDeps({ recovery: new RecoveryStore(dir) })), dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('write, read and clear reach the store and round-trip the copy through a file', async () => {
    await withStore(async (h, dir) => {
      expect(await dispatch(h, 'writeRecovery', { session: 'tab_1', copy: { ...good, extra: 'dropped' } })).toMatchObject({ ok: true });
      expect(fs.readdirSync(dir)).toEqual(['tab_1.json']);
      expect(await dispatch(h, 'readRecovery', { session: 'tab_1' })).toMatchObject({ ok: true, result: { copy: good } });
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'tab_1.json'), 'utf8')).extra).toBeUndefined();
      expect(await dispatch(h, 'clearRecovery', { session: 'tab_1' })).toMatchObject({ ok: true });
      expect(await dispatch(h, 'readRecovery', { session: 'tab_1' })).toMatchObject({ ok: true, result: { copy: null } });
    });
  });

  it('refuses bad sessions (no paths into or out of the recovery folder) and bad copies, writing nothing', async () => {
    await withStore(async (h, dir) => {
      const error = async (method: string, payload: unknown) => {
        const res = await dispatch(h, method, payload);
        if (res.ok) throw new Error(`${method} accepted ${JSON.stringify(payload)}`);
        expect(res.error.code).toBe('invalid');
        return res.error.message;
      };
      expect(await error('readRecovery', { session: '../runs' })).toMatch(/'session' "..\/runs" is not a session id/);
      expect(await error('clearRecovery', { session: '' })).toMatch(/is not a session id/);
      expect(await error('writeRecovery', { session: 'a'.repeat(65), copy: good })).toMatch(/is not a session id/);
      expect(await error('writeRecovery', { session: 's' })).toMatch(/'copy' must be an object, got undefined/);
      expect(await error('writeRecovery', { session: 's', copy: { ...good, content: '{oops' } })).toMatch(/'copy.content' is not JSON .*nothing was written/);
      expect(await error('writeRecovery', { session: 's', copy: { ...good, filePath: 7 } })).toMatch(/'copy.filePath' must be a file path or null/);
      expect(await error('writeRecovery', { session: 's', copy: { ...good, savedAt: Number.NaN } })).toMatch(/'copy.savedAt' must be a time in ms/);
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });

  it("answers 'unsupported' in a host without a recovery store", async () => {
    const res = await dispatch(createApiHandlers(fakeDeps()), 'readRecovery', { session: 's' });
    expect(res).toMatchObject({ ok: false, error: { code: 'unsupported', message: 'readRecovery: this host keeps no recovery copies' } });
  });
});

describe('engines', () => {
  const info = { pytorch: { available: false, python: null, source: 'search' as const, pythonSetting: null, cudaDevices: [], summary: 'tried python3', reason: 'no torch', warnings: [] } };

  it('getEngines and setPythonPath reach the host; a path is checked before it is saved', async () => {
    const saved: (string | null)[] = [];
    const h = createApiHandlers(fakeDeps({ engines: { info: async () => info, setPython: async (p) => (saved.push(p), info) } }));
    expect(await dispatch(h, 'getEngines', undefined)).toMatchObject({ ok: true, result: info });
    expect(await dispatch(h, 'setPythonPath', { path: '/opt/py/bin/python3' })).toMatchObject({ ok: true });
    expect(await dispatch(h, 'setPythonPath', { path: null })).toMatchObject({ ok: true });
    expect(saved).toEqual(['/opt/py/bin/python3', null]);
    for (const bad of [{ path: 'python3; rm -rf ~' }, { path: 3 }, {}, { path: '' }]) {
      const res = await dispatch(h, 'setPythonPath', bad);
      expect(res, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^setPythonPath: /) } });
    }
    expect(saved).toHaveLength(2);
  });

  it('a host without engines answers unsupported', async () => {
    const h = createApiHandlers(fakeDeps());
    expect(await dispatch(h, 'getEngines', undefined)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});
