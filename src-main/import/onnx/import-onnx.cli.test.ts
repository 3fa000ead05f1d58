// `layerlab import MODEL.onnx`: the graph file, a run with the weights (then exported like any run), and an
// unsupported model writing nothing; and the api's importModel with encoding 'base64' through the real job worker.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';
import { checkImportRequest } from '../../api-payloads';
import { runHostJob } from '../../jobs/run-host-job';
import { RunStore, summaryOf } from '../../training/run-store';
import { graphIdOf } from '../../../shared/graph/identity';
import type { GraphFile } from '../../../shared/graph/types';
import { handMadeMlp, modelBytes, node } from './testing/hand-made';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-onnx-cli-'));
const savedHome = process.env.LAYERLAB_HOME;
let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  process.env.LAYERLAB_HOME = path.join(tmp, 'home');
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  if (savedHome === undefined) delete process.env.LAYERLAB_HOME;
  else process.env.LAYERLAB_HOME = savedHome;
  rmSync(tmp, { recursive: true, force: true });
});

describe('layerlab import MODEL.onnx', () => {
  it('writes the graph and stores the weights as an imported run that exports like a trained one', async () => {
    const file = path.join(tmp, 'mlp.onnx');
    writeFileSync(file, handMadeMlp());
    const graphFile = path.join(tmp, 'mlp.layerlab.json');
    expect(await main(['import', file, '--out', graphFile])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('4 nodes, 26 parameters');
    const runId = /weights: run (\S+) \(imported\)/.exec(text)![1];
    const graph = JSON.parse(readFileSync(graphFile, 'utf8')) as { nodes: { kind: string }[] };
    expect(graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dense', 'Dense', 'Output']);
    const run = (await new RunStore(process.env.LAYERLAB_HOME!).get(runId))!;
    expect(run.imported?.format).toBe('onnx');
    out = [];
    const exportDir = path.join(tmp, 'export');
    expect(await main(['export', '--run', runId, '--format', 'tfjs', '--out', exportDir])).toBe(0);
    expect(readdirSync(exportDir)).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
  }, 120_000);

  it('names unsupported operators and writes nothing: no graph file, no run', async () => {
    const file = path.join(tmp, 'bad.onnx');
    writeFileSync(file, modelBytes([node('Erf', ['x'], ['y'], [], '/act/Erf')], [], { name: 'x', dims: ['N', 3] }));
    const graphFile = path.join(tmp, 'bad.layerlab.json');
    const home = process.env.LAYERLAB_HOME!;
    const runsBefore = existsSync(path.join(home, 'runs')) ? readdirSync(path.join(home, 'runs')).length : 0;
    expect(await main(['import', file, '--out', graphFile])).toBe(2);
    expect(err.join('\n')).toMatch(/Erf \(node '\/act\/Erf'\)/);
    expect(existsSync(graphFile)).toBe(false);
    expect(existsSync(path.join(home, 'runs')) ? readdirSync(path.join(home, 'runs')).length : 0).toBe(runsBefore);
  });
});

describe('importModel with encoding base64 (the api, as File > Open sends an .onnx file)', () => {
  it('checks the payload: base64 only, within the cap', () => {
    const content = Buffer.from(handMadeMlp()).toString('base64');
    expect(checkImportRequest('importModel', { content, name: 'mlp', encoding: 'base64' })).toEqual({ content, name: 'mlp', encoding: 'base64' });
    expect(() => checkImportRequest('importModel', { content: 'not base64!', name: 'mlp', encoding: 'base64' })).toThrow(/not base64/);
    expect(() => checkImportRequest('importModel', { content, name: 'mlp', encoding: 'hex' })).toThrow(/'encoding' must be 'base64'/);
  });

  it('the job answers the graph, the run id and the notes', async () => {
    const dataDir = path.join(tmp, 'job-data');
    const result = (await runHostJob({ kind: 'import-onnx', base64: Buffer.from(handMadeMlp()).toString('base64'), name: 'mlp', dataDir }, () => {})) as { graph: GraphFile; runId: string };
    expect(result.graph.nodes).toHaveLength(4);
    const run = (await new RunStore(dataDir).get(result.runId))!;
    expect(run.imported?.format).toBe('onnx');
    // The run belongs to the graph the app opens (the Runs tab lists it under "this graph").
    expect(summaryOf(run).graphId).toBe(graphIdOf(result.graph));
    expect(graphIdOf(result.graph)).toMatch(/^g-/);
  }, 60_000);
});
