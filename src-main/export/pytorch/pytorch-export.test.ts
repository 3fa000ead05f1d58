// The exported PyTorch scripts run: Debian's python3-torch trains each test graph (together they use every
// kind with a generator) for one epoch on a few hundred bundled MNIST digits; the script's parameter count
// must equal LayerLab's inference and tfjs's, and its loss must drop. torchrun runs the --ddp path with two
// CPU processes (gloo). LayerLab's weights exported as weights.npz give the same predictions in PyTorch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import { getTemplate } from '../../../shared/templates';
import { ALL_LAYERS } from '../../../shared/layers';
import { loadDataset } from '../../data';
import type { LoadedDataset } from '../../data/types';
import { buildModel, compileModel } from '../../engine/compile';
import { ensureGradientFixes } from '../../engine/custom/gradients';
import { exportGraph, PYTORCH_SCRIPT, WEIGHTS_NPZ } from '..';
import { ExportError } from '../codegen/plan';
import { decodeNpz } from '../npz';
import { parityNpz, runParity, type ParityCase } from '../testing/parity';
import { KIND_GRAPHS } from '../testing/graphs';
import { runPython, torchPython } from '../testing/python';
import { expectScriptRun, scriptRuns } from '../testing/script-runs';
import { ALL_PY_GENERATORS, getPyGenerator } from '.';
import { ATTENTION_GRAPHS } from './attention/test-graphs';
import { CHECKPOINT_EPOCH_KEY } from './train-loop-py';
import { TIED_GRAPHS } from '../testing/tied-graphs';

const python = torchPython();
if (!python) console.warn('Skipping the PyTorch runs: no python3 with torch here (apt-get install python3-torch, or set LAYERLAB_PYTHON).');

const mlp = structuredClone(getTemplate('mlp-mnist')!.graph);
mlp.dataset.limit = 384;
mlp.training.batchSize = 32;
const GRAPHS: GraphFile[] = [mlp, ...KIND_GRAPHS];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-pt-'));
const datasets = new Map<GraphFile, LoadedDataset>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradientFixes(tf); // dilated Conv2D gradient (tfjs issue 7906), for the few tfjs training steps below
  for (const g of GRAPHS) datasets.set(g, await loadDataset(g.dataset, { cacheDir: path.join(tmp, 'cache') }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dirFor(g: GraphFile): string {
  return path.join(tmp, g.name.replace(/[^a-z0-9]+/gi, '-'));
}

describe('PyTorch generators', () => {
  it('every kind with a generator is used by a test graph, and generators match layer kinds', () => {
    // The attention kinds run in attention.test.ts on ATTENTION_GRAPHS, TiedDense in ../tied.test.ts.
    const used = new Set([...GRAPHS, ...ATTENTION_GRAPHS, ...TIED_GRAPHS].flatMap((g) => g.nodes.map((n) => n.kind)));
    const kinds = ALL_PY_GENERATORS.map((g) => g.kind);
    expect(kinds.filter((k) => !used.has(k))).toEqual([]);
    const layerKinds = new Set(ALL_LAYERS.map((d) => d.kind));
    expect(kinds.filter((k) => !layerKinds.has(k))).toEqual([]);
  });

  it('a kind without a generator is refused with its name', () => {
    // Every layer kind has a generator now, so ask for one that does not exist.
    expect(() => getPyGenerator('NoSuchKind', 'n1')).toThrow(ExportError);
    expect(() => getPyGenerator('NoSuchKind', 'n1')).toThrow(/does not support layer kind 'NoSuchKind' \(node n1\)/);
  });
});

describe.skipIf(!python)('exported PyTorch scripts run (python3 + torch)', () => {
  const runOf = scriptRuns(python!, GRAPHS, (g) => datasets.get(g)!, dirFor);
  for (const g of GRAPHS) {
    it(`${g.name}: one epoch, parameter count equals LayerLab's and tfjs's, loss drops`, async () => {
      expectScriptRun('pytorch', g, await runOf(g));
    }, 180_000);
  }

  /** A port nothing listens on now, so parallel test runs do not collide on torchrun's rendezvous port. */
  const freePort = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });

  it('torchrun with two CPU processes (gloo) trains with --ddp', async () => {
    const dir = path.join(tmp, 'ddp');
    const port = await freePort();
    await exportGraph({ graph: mlp, format: 'pytorch', outDir: dir, dataset: datasets.get(mlp) });
    // Debian's torch 1.13 on Python 3.11 cannot parse the default --redirects/--tee "0" (IntFlag change), so pass 2.
    const run = runPython(
      python!,
      ['-m', 'torch.distributed.run', '--nproc_per_node=2', `--master_port=${port}`, '--redirects', '2', '--tee', '2', PYTORCH_SCRIPT, '--ddp', '--epochs', '1'],
      { cwd: dir, timeoutMs: 240_000 },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const r = run.result as { world_size: number; params: number; loss_before: number; history: { loss: number }[] };
    console.log(`[pytorch] torchrun 2 x gloo: world ${r.world_size}, loss ${r.loss_before.toFixed(4)} -> ${r.history[0].loss.toFixed(4)}, ${run.ms} ms`);
    expect(r.world_size).toBe(2);
    expect(r.params).toBe(1_596_426);
    expect(r.history[0].loss).toBeLessThan(r.loss_before);
  }, 300_000);

  it('checkpoint.npz carries the epoch its weights are from, and --weights takes it back', async () => {
    const dir = path.join(tmp, 'checkpoint');
    await exportGraph({ graph: mlp, format: 'pytorch', outDir: dir, dataset: datasets.get(mlp) });
    const run = runPython(python!, [PYTORCH_SCRIPT, '--epochs', '2', '--checkpoint-dir', 'ckpt'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const state = decodeNpz(readFileSync(path.join(dir, 'ckpt', 'checkpoint.npz')));
    expect(Array.from(state[CHECKPOINT_EPOCH_KEY].data)).toEqual([2]);
    const again = runPython(python!, [PYTORCH_SCRIPT, '--epochs', '1', '--weights', 'ckpt/checkpoint.npz'], { cwd: dir });
    expect(again.status, again.stderr).toBe(0);
    // Continued from epoch 2's weights: the loss before training is already that of a trained model.
    const first = run.result as { loss_before: number };
    const second = again.result as { loss_before: number };
    expect(second.loss_before).toBeLessThan(first.loss_before / 2);
  }, 180_000);

  it('weights.npz from tfjs gives the same predictions in PyTorch (within 1e-4)', async () => {
    const cases: ParityCase[] = [];
    for (const g of GRAPHS) {
      const data = datasets.get(g)!;
      const { model } = buildModel(g, tf, data.shapes);
      compileModel(model, g.training, tf);
      // A few training steps so BatchNorm statistics and every weight are non-trivial.
      const rows = 64;
      const slice = (t: LoadedDataset['train']['features'][string]) => {
        const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
        return tf.tensor(t.data.subarray(0, rows * per), [rows, ...t.shape.slice(1)], t.dtype);
      };
      const x = slice(data.train.features.x);
      const y = slice(data.train.targets.y);
      await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
      const expected = model.predict(x) as tf.Tensor;
      const dir = dirFor(g);
      await exportGraph({ graph: g, format: 'pytorch', outDir: dir, model });
      const inputs = path.join(dir, 'parity.npz');
      writeFileSync(inputs, parityNpz([x], [expected]));
      cases.push({ name: g.name, script: path.join(dir, PYTORCH_SCRIPT), weights: path.join(dir, WEIGHTS_NPZ), inputs });
      tf.dispose([x, y, expected]);
      model.dispose();
    }
    const diffs = runParity(python!, cases, tmp);
    console.log(`[pytorch] max |torch - tfjs| per graph: ${JSON.stringify(diffs)}`);
    for (const g of GRAPHS) expect(diffs[g.name]?.max_diff, g.name).toBeLessThan(1e-4);
  }, 180_000);
});
