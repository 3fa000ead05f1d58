// The CLI in-process: inspect prints GPT-3's count fast; bad files and arguments exit 2 with a message;
// every command has --help; train stores a run that export --run turns into tfjs files and PyTorch weights;
// import writes a graph file and never overwrites one without --force.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gptConfig, gptParams } from '../../shared/templates/gpt-configs';
import { KIND_GRAPHS } from '../export/testing/graphs';
import { main } from '../cli';
import { fastestPerCall } from '../../shared/testing/timing';
import { until } from '../../shared/testing/until';
import { torchPython } from '../export/testing/python';
import { decodeNpz } from '../export/npz';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-cli-'));
const savedHome = process.env.LAYERLAB_HOME;
afterAll(() => {
  if (savedHome === undefined) delete process.env.LAYERLAB_HOME;
  else process.env.LAYERLAB_HOME = savedHome;
  rmSync(tmp, { recursive: true, force: true });
});

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('layerlab inspect', () => {
  it('prints the GPT-3 template table and its 175B count as fast as GPT-1\'s (nothing is built)', async () => {
    const code = await main(['inspect', '--template', 'gpt-3']);
    expect(code).toBe(0);
    const gpt3 = gptParams(gptConfig('gpt-3'));
    expect(gpt3).toBe(174_604_259_328);
    expect(out.join('\n')).toContain(`Total parameters: ${gpt3.toLocaleString('en-US')} (174.6B)`);
    // Relative to an in-process control, not an absolute bound (a loaded CI machine stalls any single
    // timing): GPT-3 has 1,500 times GPT-1's parameters, so building or touching weights would show.
    const fastest = await fastestPerCall({
      gpt3: () => main(['inspect', '--template', 'gpt-3']),
      gpt1: () => main(['inspect', '--template', 'gpt-1']),
    }, { calls: 20 });
    console.warn(`[cli] inspect gpt-3: ${gpt3.toLocaleString('en-US')} parameters in ${fastest.gpt3.toFixed(2)} ms (gpt-1: ${fastest.gpt1.toFixed(2)} ms)`);
    expect(fastest.gpt3).toBeLessThan(10 * fastest.gpt1);
  });

  it('prints the published GPT-2 XL count for --template gpt-2-xl, and every GPT-2 size by its preset id', async () => {
    expect(await main(['inspect', '--template', 'gpt-2-xl'])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Total parameters: 1,557,611,200 (1.56B)');
    expect(text).toContain('GPT-2 XL: 48 decoder blocks');
    expect(text).toMatch(/48 x decoder block \(decoder\)/);
    const sizes: Record<string, string> = { 'gpt-2-small': '124,439,808', 'gpt-2-medium': '354,823,168', 'gpt-2-large': '774,030,080', 'gpt-2': '1,557,611,200', 'gpt-1': '116,534,784' };
    for (const [id, total] of Object.entries(sizes)) {
      out = [];
      expect(await main(['inspect', '--template', id])).toBe(0);
      expect(out.join('\n'), id).toContain(`Total parameters: ${total}`);
    }
    expect(await main(['inspect', '--template', 'gpt-2-tiny'])).toBe(2);
    expect(err.join('\n')).toMatch(/no template 'gpt-2-tiny'\. Templates: .*gpt-2, gpt-2-small, gpt-2-medium, gpt-2-large, gpt-2-xl/);
  });

  it('a missing or broken file exits 2 with a message naming it', async () => {
    expect(await main(['inspect', path.join(tmp, 'missing.layerlab.json')])).toBe(2);
    expect(err.join('\n')).toMatch(/layerlab inspect: cannot read .*missing\.layerlab\.json: no such file/);
    const broken = path.join(tmp, 'broken.layerlab.json');
    writeFileSync(broken, '{"format": "layerlab-graph", "nodes": 3');
    expect(await main(['inspect', broken])).toBe(2);
    expect(err.join('\n')).toContain('broken.layerlab.json');
  });
});

describe('arguments', () => {
  it('every command answers --help with exit 0', async () => {
    for (const cmd of ['inspect', 'train', 'export', 'import']) {
      out = [];
      expect(await main([cmd, '--help'])).toBe(0);
      expect(out.join('\n')).toMatch(new RegExp(`Usage: layerlab ${cmd}`));
    }
  });

  it('bad options exit 2 and say what is wrong', async () => {
    const file = path.join(tmp, 'core.layerlab.json');
    writeFileSync(file, JSON.stringify(KIND_GRAPHS[0]));
    const cases: [string[], RegExp][] = [
      [['train', file, '--epochs', 'two'], /--epochs must be a whole number, got 'two'/],
      [['train', file, '--epochs', '0'], /--epochs must be at least 1, got 0/],
      [['train', file, '--backend', 'gpu'], /--backend must be one of auto, tensorflow, wasm, cpu, got 'gpu'/],
      [['train', file, '--colour'], /unknown option --colour/],
      [['train', file, '--engine', 'jax'], /--engine must be one of tfjs, pytorch, got 'jax'/],
      [['train', file, '--engine', 'pytorch', '--rendezvous', 'host:1;reboot'], /--rendezvous must be host:port/],
      [['train', file, '--engine', 'pytorch', '--procs-per-node', '0'], /--procs-per-node must be at least 1, got 0/],
      [['train', file, '--engine', 'pytorch', '--device', 'tpu'], /--device must be one of auto, cpu, cuda, got 'tpu'/],
      [['export', file, '--out', tmp], /--format is required/],
      [['export', file, '--format', 'caffe', '--out', tmp], /--format must be one of tfjs, pytorch, keras, onnx, got 'caffe'/],
      [['export', file, '--format', 'tfjs'], /--out DIR is required/],
      [['export', '--run', 'run-nope', '--format', 'tfjs', '--out', tmp], /no run 'run-nope'/],
      [['import', file], /--out FILE.layerlab.json is required/],
      [['import', path.join(tmp, 'no-model.json'), '--out', path.join(tmp, 'x.layerlab.json')], /cannot read .*no-model\.json: no such file/],
    ];
    process.env.LAYERLAB_HOME = path.join(tmp, 'home-empty');
    for (const [args, message] of cases) {
      err = [];
      expect(await main(args), args.join(' ')).toBe(2);
      expect(err.join('\n'), args.join(' ')).toMatch(message);
    }
  });

  it('export that cannot be done fails with exit 1 and says why', async () => {
    // GPT-3 is view-only: a tfjs export needs real weights, which would take 700 GB here.
    expect(await main(['export', '--template', 'gpt-3', '--format', 'tfjs', '--out', path.join(tmp, 'gpt3')])).toBe(1);
    expect(err.join('\n')).toMatch(/174\.6B parameters: too big to build with tfjs here.*Export it as pytorch or keras code instead/);
  });
});

describe('train, then export the run, then import it back', () => {
  it('stores a run whose weights export as tfjs files and weights.npz; import writes a graph once', async () => {
    const home = path.join(tmp, 'home');
    process.env.LAYERLAB_HOME = home;
    const file = path.join(tmp, 'core.layerlab.json');
    writeFileSync(file, JSON.stringify(KIND_GRAPHS[0]));
    const started = Date.now();
    expect(await main(['train', file, '--epochs', '1', '--limit', '96', '--batch-size', '32', '--backend', 'cpu', '--quiet'])).toBe(0);
    const runId = out.pop()!;
    console.warn(`[cli] train (core-kinds graph, 96 samples, cpu, in a worker process): ${Date.now() - started} ms`);
    expect(runId).toMatch(/^run-/);
    // The final record is written after the 'done' event, in the background: wait for it on disk.
    const runFile = path.join(home, 'runs', runId, 'run.json');
    const record = await until(() => {
      const r = JSON.parse(readFileSync(runFile, 'utf8')) as { status: string; epochs: number };
      return r.status === 'running' ? null : r;
    }, `${runFile} to record the finished run`);
    expect(record).toMatchObject({ status: 'completed', epochs: 1 });

    const tfjsDir = path.join(tmp, 'tfjs');
    expect(await main(['export', '--run', runId, '--format', 'tfjs', '--out', tfjsDir])).toBe(0);
    expect(existsSync(path.join(tfjsDir, 'model.json')) && existsSync(path.join(tfjsDir, 'weights.bin'))).toBe(true);
    const ptDir = path.join(tmp, 'pt');
    expect(await main(['export', '--run', runId, '--format', 'pytorch', '--out', ptDir])).toBe(0);
    expect(['model.py', 'weights.npz', 'data.npz'].every((f) => existsSync(path.join(ptDir, f)))).toBe(true);

    const graphFile = path.join(tmp, 'imported.layerlab.json');
    expect(await main(['import', path.join(tfjsDir, 'model.json'), '--out', graphFile])).toBe(0);
    expect(out.join('\n')).toContain('26,626 parameters');
    expect(await main(['import', path.join(tfjsDir, 'model.json'), '--out', graphFile])).toBe(2);
    expect(err.join('\n')).toMatch(/already exists; pass --force/);
  }, 180_000);
});

const python = torchPython();
if (!python) console.warn('Skipping `layerlab train --engine pytorch`: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');

describe.skipIf(!python)('train --engine pytorch (python3 + torch), then export the run as for any run', () => {
  it('prints the command, stores a PyTorch run with tfjs model files; export --run writes tfjs files and weights.npz', async () => {
    const home = path.join(tmp, 'home-torch');
    process.env.LAYERLAB_HOME = home;
    const file = path.join(tmp, 'core-torch.layerlab.json');
    writeFileSync(file, JSON.stringify(KIND_GRAPHS[0]));
    const stderr: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
    let code: number;
    try {
      code = await main(['train', file, '--engine', 'pytorch', '--device', 'cpu', '--epochs', '1', '--limit', '96', '--batch-size', '32', '--backend', 'cpu']);
    } finally {
      write.mockRestore();
    }
    expect(code, `${stderr.join('')}\n${err.join('\n')}`).toBe(0);
    const printed = stderr.join('');
    expect(printed).toMatch(/Engine: PyTorch \S+ on cpu/);
    expect(printed).toMatch(/PyTorch command: cd .*model\.py --events --checkpoint-dir checkpoints --device cpu/);
    const runId = out.pop()!;
    const runFile = path.join(home, 'runs', runId, 'run.json');
    const record = await until(() => {
      const r = JSON.parse(readFileSync(runFile, 'utf8')) as { status: string; epochs: number; engine?: { name: string } };
      return r.status === 'running' ? null : r;
    }, `${runFile} to record the finished run`);
    expect(record).toMatchObject({ status: 'completed', epochs: 1, engine: { name: 'pytorch' } });

    const tfjsDir = path.join(tmp, 'tfjs-torch-run');
    expect(await main(['export', '--run', runId, '--format', 'tfjs', '--out', tfjsDir])).toBe(0);
    expect(existsSync(path.join(tfjsDir, 'model.json')) && existsSync(path.join(tfjsDir, 'weights.bin'))).toBe(true);
    const ptDir = path.join(tmp, 'pt-torch-run');
    expect(await main(['export', '--run', runId, '--format', 'pytorch', '--out', ptDir])).toBe(0);
    expect(['model.py', 'weights.npz', 'data.npz'].every((f) => existsSync(path.join(ptDir, f)))).toBe(true);
    // Round trip: the exported weights.npz holds exactly the state_dict PyTorch trained (torch -> tfjs -> torch).
    const trained = decodeNpz(readFileSync(path.join(home, 'runs', runId, 'pytorch', 'checkpoints', 'final.npz')));
    const exported = decodeNpz(readFileSync(path.join(ptDir, 'weights.npz')));
    expect(Object.keys(exported).sort()).toEqual(Object.keys(trained).filter((k) => !k.endsWith('num_batches_tracked')).sort());
    for (const [k, a] of Object.entries(exported)) {
      expect(a.shape, k).toEqual(trained[k].shape);
      expect(Array.from(a.data), k).toEqual(Array.from(trained[k].data));
    }
  }, 600_000);
});
