// Fake dependencies for tests of the api handlers and both hosts: they record calls and emit events on demand,
// so a test can check what reached the service without starting a worker.
import type { AppInfo, RunRecord, RunSummary, TrainEvent } from '../shared/api';
import type { GraphFile } from '../shared/graph/types';
import type { ApiDeps, TrainingServiceLike } from './api-handlers';
import { createDatasetReads } from './files/dataset-reads';
import { ReadGrants } from './files/read-grants';

export function sampleGraph(): GraphFile {
  return {
    format: 'layerlab-graph',
    version: 1,
    name: 'tiny',
    nodes: [
      { id: 'in', kind: 'Input', params: { feature: 'x', shape: [4] }, position: { x: 0, y: 0 } },
      { id: 'd1', kind: 'Dense', params: { units: 2 }, position: { x: 0, y: 100 } },
      { id: 'out', kind: 'Output', params: { target: 'y' }, position: { x: 0, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'in', sourceHandle: 'out', target: 'd1', targetHandle: 'in' },
      { id: 'e2', source: 'd1', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
    ],
    dataset: { id: 'xor', representation: 'vector', labels: 'onehot', normalization: 'none', validationSplit: 0.1, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 8, optimizer: 'adam', learningRate: 0.01, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'cpu' },
  };
}

export interface FakeTraining extends TrainingServiceLike {
  calls: { method: string; arg?: unknown }[];
  emit(event: TrainEvent): void;
  listenerCount(): number;
}

export function fakeTraining(): FakeTraining {
  const calls: { method: string; arg?: unknown }[] = [];
  const listeners = new Set<(e: TrainEvent) => void>();
  const summary: RunSummary = {
    id: 'run-1', name: 'tiny', status: 'completed', startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5,
    backend: 'cpu', epochs: 1, final: { loss: 0.5 },
  };
  return {
    calls,
    start(graph) {
      calls.push({ method: 'start', arg: graph });
      return Promise.resolve({ runId: 'run-1' });
    },
    stop(runId) { calls.push({ method: 'stop', arg: runId }); },
    pause(runId) { calls.push({ method: 'pause', arg: runId }); },
    resume(runId) { calls.push({ method: 'resume', arg: runId }); },
    listRuns() { calls.push({ method: 'listRuns' }); return [summary]; },
    getRun(runId) {
      calls.push({ method: 'getRun', arg: runId });
      if (runId !== 'run-1') return null;
      const g = sampleGraph();
      const record: RunRecord = { ...summary, graph: g, dataset: g.dataset, training: g.training, batches: [], epochsHistory: [], log: [] };
      return record;
    },
    deleteRun(runId) { calls.push({ method: 'deleteRun', arg: runId }); },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) { for (const l of listeners) l(event); },
    listenerCount: () => listeners.size,
  };
}

export const fakeInfo: AppInfo = {
  version: '0.0.0-test', host: 'web', backend: { name: 'cpu', reason: 'test' }, platform: 'test', dataDir: '/tmp/none', memoryBytes: 8 * 2 ** 30,
};

export function fakeDeps(overrides: Partial<ApiDeps> = {}): ApiDeps & { training: FakeTraining } {
  const training = fakeTraining();
  return {
    info: async () => fakeInfo,
    datasets: {
      list: () => [],
      describe: async (config) => ({ features: { x: [4] }, targets: { y: [2] }, numClasses: 2, trainSize: config.limit || 100 }),
      preview: async (config, samples) => ({
        id: config.id, name: config.id, task: 'classification', shapes: { features: { x: [4] }, targets: { y: [2] }, numClasses: 2 },
        sizes: { train: 90, validation: 10, test: 20 }, stats: {},
        samples: Array.from({ length: samples }, (_, index) => ({ split: 'train' as const, index, features: {}, targets: {} })),
      }),
    },
    // Real grants, nothing allowed yet: tests of paths allow them first, as the user would.
    datasetReads: createDatasetReads(new ReadGrants({ builtIn: [] })),
    files: {
      open: async () => ({ canceled: true }),
      save: async (req) => ({ canceled: false, path: req.path ?? `/picked/${req.suggestedName}` }),
    },
    ...overrides,
    training,
  };
}
