// The job kind registry: every registered kind reaches its own definition's `run` from the worker's dispatch and
// is routed by name and pool as before the registry existed; a kind nobody registered is refused by name, both in
// the worker and before any worker is started; and a wrong payload does not compile (checked by `npm run typecheck`).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleGraph } from '../api-handlers.fakes';
import { JOB_POOLS, JobPools } from './pools';
import { JOB_KINDS, jobDefinition, type HostJob, type HostJobKind } from './registry';
import { runHostJob, toJobFailure } from './run-host-job';

/** One job of every kind: the mapped type makes a newly registered kind a compile error here until it has one. */
const SAMPLE_JOBS: { [K in HostJobKind]: Extract<HostJob, { kind: K }> } = {
  preview: { kind: 'preview', dataset: sampleGraph().dataset, samples: 2, cacheDir: '/tmp/none' },
  describe: { kind: 'describe', dataset: sampleGraph().dataset },
  export: { kind: 'export', dataDir: '/tmp/none', runId: 'r1', format: 'tfjs', outDir: '/tmp/none/out' },
  import: { kind: 'import', content: '{}', name: 'm' },
  'import-onnx': { kind: 'import-onnx', base64: '', name: 'm', dataDir: '/tmp/none' },
  tryInfo: { kind: 'tryInfo', dataDir: '/tmp/none', runId: 'r1' },
  predict: { kind: 'predict', dataDir: '/tmp/none', request: { runId: 'r1', input: { kind: 'sample', index: 0 } } },
  inspect: { kind: 'inspect', dataDir: '/tmp/none', runId: 'r1', input: { kind: 'sample', index: 0 } },
  project: { kind: 'project', dataDir: '/tmp/none', runId: 'r1', samples: 10 },
  lrFind: { kind: 'lrFind', graph: sampleGraph(), cacheDir: '/tmp/none' },
};

// @ts-expect-error a preview needs its sample count: the registry's types refuse the payload
const _missingField: HostJob = { kind: 'preview', dataset: sampleGraph().dataset, cacheDir: '/tmp/none' };
// @ts-expect-error a field of another kind's payload is refused too
const _wrongField: Extract<HostJob, { kind: 'tryInfo' }> = { kind: 'tryInfo', dataDir: '/tmp/none', runId: 'r1', request: {} };
// @ts-expect-error and so is a kind nobody registered
const _unknownKind: HostJob = { kind: 'train', dataDir: '/tmp/none' };

afterEach(() => vi.restoreAllMocks());

describe('job kind registry', () => {
  it('dispatches every registered kind to its own run, with the job and the note callback', async () => {
    expect(Object.keys(SAMPLE_JOBS).sort()).toEqual(JOB_KINDS.map((d) => d.kind).sort());
    for (const definition of JOB_KINDS) {
      const answer = { answeredBy: definition.kind };
      const run = vi.spyOn(definition, 'run').mockResolvedValue(answer as never);
      const note = () => {};
      const job = SAMPLE_JOBS[definition.kind];
      await expect(runHostJob(job, note)).resolves.toBe(answer);
      expect(run).toHaveBeenCalledExactlyOnceWith(job, note);
    }
  });

  it('keeps the method, process and pool each kind had before the registry', () => {
    const names = Object.fromEntries(JOB_KINDS.map((d) => [d.kind, `${d.method} / ${d.process} / ${d.pool}`]));
    expect(names).toEqual({
      preview: 'previewDataset / dataset preview / previews',
      describe: 'describeDataset / dataset preview / previews',
      export: 'exportRun / export / exports',
      import: 'importModel / model import / previews',
      'import-onnx': 'importModel / model import / exports',
      tryInfo: 'getTryInfo / prediction / tries',
      predict: 'predict / prediction / tries',
      inspect: 'inspectRun / look-inside / tries',
      project: 'projectRun / look-inside / tries',
      lrFind: 'findLearningRate / learning-rate finder / lrFind',
    });
    expect(JOB_POOLS).toEqual({ previews: { timeoutMs: 120_000 }, exports: { timeoutMs: 600_000 }, tries: { timeoutMs: 300_000, idleMs: 300_000 }, lrFind: { timeoutMs: 600_000 } });
  });

  it('prefixes a caller\'s error with the method of the job that failed', () => {
    const err = Object.assign(new Error('no weights in run r1'), { name: 'ExportJobError' });
    expect(toJobFailure(SAMPLE_JOBS.export, err)).toMatchObject({ code: 'invalid', message: 'exportRun: no weights in run r1', detail: { code: 'export.failed' } });
    expect(toJobFailure(SAMPLE_JOBS.export, new Error('a bug'))).toEqual({ message: 'a bug' });
  });

  it('refuses a kind nobody registered, naming it, in the worker and before starting one', async () => {
    const stranger = { kind: 'train', dataDir: '/tmp/none' } as unknown as HostJob;
    const expected = /Unknown host job kind "train": the job worker runs preview, describe, .*lrFind/;
    expect(() => jobDefinition('train')).toThrow(expected);
    await expect(runHostJob(stranger, () => {})).rejects.toThrow(expected);
    expect(toJobFailure(stranger, new Error('Unknown host job kind "train"'))).toEqual({ message: 'Unknown host job kind "train"' });
    const spawn = vi.fn(() => {
      throw new Error('no worker may start for an unknown kind');
    });
    const pools = new JobPools(spawn);
    await expect(pools.run(stranger)).rejects.toThrow(expected);
    expect(spawn).not.toHaveBeenCalled();
    pools.dispose();
  });
});
