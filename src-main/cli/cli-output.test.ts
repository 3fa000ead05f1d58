// What the CLI prints at the end of its work: `export --format tfjs` of a graph that cannot be built says why in
// the same one line as the code exports (it printed a GraphCompileError stack trace), and `train` prints the
// test-set result it computes (only run.json had it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli';
import { mlpGraph } from '../training/testing/fixtures';
import { trainHeadless } from './train';
import { captureCliOutput } from './testing/capture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-cli-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const printed = captureCliOutput();

describe('layerlab export of a graph that cannot be built', () => {
  it('tfjs and onnx say why in one line, exactly as pytorch and keras do', async () => {
    process.env.LAYERLAB_HOME = path.join(tmp, 'home');
    const graph = mlpGraph();
    graph.nodes.find((n) => n.id === 'd2')!.params.units = 7; // 7 outputs for 10 classes
    const file = path.join(tmp, 'mismatch.layerlab.json');
    writeFileSync(file, JSON.stringify(graph));
    const lines: Record<string, string[]> = {};
    for (const format of ['pytorch', 'keras', 'tfjs', 'onnx']) {
      printed.err.length = 0;
      expect(await main(['export', file, '--format', format, '--out', path.join(tmp, format), '--no-data']), format).toBe(1);
      lines[format] = [...printed.err];
    }
    const expected = "layerlab export: Output (out): The model produces [7] per sample here, but the dataset's 'y' labels are [10] (10 classes). Make the last layer output [10], e.g. Dense with 10 units.";
    expect(lines).toEqual({ pytorch: [expected], keras: [expected], tfjs: [expected], onnx: [expected] });
  });
});

describe('layerlab train', () => {
  it('prints the test-set result after training', async () => {
    let printed = '';
    const out = new Writable({ write: (chunk, _enc, done) => { printed += String(chunk); done(); } });
    const result = await trainHeadless(mlpGraph({ epochs: 1, limit: 200 }), { dataDir: path.join(tmp, 'train-home'), out });
    expect(result.status).toBe('completed');
    expect(printed).toMatch(/\ntest set \(2,000 samples\): loss \d\.\d{4}, accuracy \d+\.\d{2}%\n/);
  }, 180_000);
});
