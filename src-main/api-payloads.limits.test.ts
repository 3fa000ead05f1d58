// One set of limits for every way a graph comes in: a file opened or given to the CLI, saved content, and the
// graph of startTraining / startExperiment. Too deep is refused with a clear message (not "Maximum call stack
// size exceeded" from deep inside), too large is refused the same by training and by saving, and a number that
// JSON reads as Infinity is called "not a finite number" (not "null").
import { describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps, sampleGraph } from './api-handlers.fakes';
import { serializeGraph } from '../shared/graph/validate';
import { MAX_GRAPH_FILE_CHARS } from '../shared/graph/limits';
import type { GraphFile } from '../shared/graph/types';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

/** The sample graph with `extras.note` padded so that its saved text has exactly `chars` characters. */
function graphOfSize(chars: number): GraphFile {
  const g = { ...sampleGraph(), extras: { note: '' } };
  const pad = chars - serializeGraph(g).length;
  return { ...g, extras: { note: 'x'.repeat(pad) } };
}

describe('api payload limits', () => {
  it('a payload nested 100,000 deep is refused as invalid, naming the limit; no handler runs', async () => {
    const deps = fakeDeps();
    const h = createApiHandlers(deps);
    for (const method of ['startTraining', 'startExperiment', 'saveGraphFile', 'previewDataset'] as const) {
      const res = await dispatch(h, method, { graph: nested(100_000) }, 1);
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid', message: `${method}: the payload is refused: it nests arrays and objects more than 100 levels deep` } });
    }
    const inExtras = await dispatch(h, 'startTraining', { graph: { ...sampleGraph(), extras: { deep: nested(150) } } }, 2);
    expect(inExtras).toMatchObject({ ok: false, error: { code: 'invalid', message: /more than 100 levels deep/ } });
    expect(deps.training.calls).toEqual([]);
  });

  it('startTraining refuses exactly what saving refuses: the same size limit, measured on the saved text', async () => {
    const deps = fakeDeps();
    const h = createApiHandlers(deps);
    const fits = graphOfSize(MAX_GRAPH_FILE_CHARS);
    const tooBig = graphOfSize(MAX_GRAPH_FILE_CHARS + 1);
    expect(serializeGraph(tooBig).length).toBe(MAX_GRAPH_FILE_CHARS + 1);

    const save = (g: GraphFile) => dispatch(h, 'saveGraphFile', { path: '/tmp/x.layerlab.json', suggestedName: 'x', content: serializeGraph(g) }, 3);
    const train = (g: GraphFile) => dispatch(h, 'startTraining', { graph: g }, 4);
    expect(await save(fits)).toMatchObject({ ok: true });
    expect(await train(fits)).toMatchObject({ ok: true });
    expect(await save(tooBig)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: "saveGraphFile: 'content' is refused: it is 52,428,801 characters (50.0 MB), more than the 50.0 MB a graph file may have; nothing was written" },
    });
    expect(await train(tooBig)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: "startTraining: 'graph' is not a valid LayerLab graph: as a file it is 52,428,801 characters (50.0 MB), more than the 50.0 MB a graph file may have" },
    });
    expect(deps.training.calls.filter((c) => c.method === 'start')).toHaveLength(1);
  });

  it('"units": 1e999 is "not a finite number", in a payload and in a file', async () => {
    const h = createApiHandlers(fakeDeps());
    const g = sampleGraph();
    const text = serializeGraph(g).replace('"units": 2', '"units": 1e999');
    const res = await dispatch(h, 'startTraining', JSON.parse(`{"graph": ${text}}`), 5);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: "startTraining: 'graph' is not a valid LayerLab graph: nodes[1].params.units: must be a number, got Infinity, which is not a finite number" },
    });
  });
});
