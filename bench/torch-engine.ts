// The PyTorch engine rows of `npm run bench`: what running the exported script through LayerLab costs, per
// family (MLP, Transformer encoder), against the same script run by hand. Each round, alternating:
//   by hand   `python3 model.py` in a folder LayerLab exported (model.py + data.npz), as a user would run it
//   engine    the app's path: TrainingService, a forked training worker, the script with --events, stop/pause
//             control, metrics streamed to the host, weights handed back, the run evaluated
// Both train the same graph on the same samples with the same seed, torch and OpenBLAS held to one thread.
// Speed: samples/s of the training loop (epochs after the first; both measured by the script's own clock
// around every step, so the engine's per-step work, events and control checks included). The wall time from
// start to a stored result is reported too: the engine adds its dataset load, data.npz, hand-back and evaluation.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrainEvent } from '../shared/api';
import type { GraphFile } from '../shared/graph/types';
import { loadDataset } from '../src-main/data';
import { exportGraph, PYTORCH_SCRIPT } from '../src-main/export';
import { TrainingService } from '../src-main/training/service';
import { forkWorkerFactory } from '../src-main/web/fork-worker';
import { torchThreadEnv } from '../src-main/torch/probe';
import { benchGraph, type Family } from './families';
import { failedRow, fmt, median, skippedRow, type BenchRow } from './results';

/** Epochs per run; the first is the warm-up. */
const EPOCHS = 4;
const THREADS = 1;
export const ENGINE_FAMILIES = ['mlp', 'transformer'];

interface EngineRun {
  /** Median samples/s of the timed epochs' training loops. */
  samplesPerSec: number;
  /** Start to a stored result (by hand: the process; engine: start request to the 'done' event). */
  wallS: number;
  /** The last epoch's mean batch loss: the same for both when they train the same model on the same data and seed. */
  batchLoss: number;
}

function median1(values: number[], what: string): number {
  if (!values.length) throw new Error(`${what}: no timed epoch`);
  return median(values);
}

/** `python3 model.py` as a user runs it; its RESULT line has each epoch's training-loop seconds. */
function runByHand(python: string, dir: string): Promise<EngineRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // In its own session, as in a terminal and as the engine starts it (detached): Linux's autogroup scheduler
    // shares CPU between sessions, so on a busy machine a process in the bench's session ran 2-3x slower
    // than the same script in a session of its own (measured 190 vs 580 samples/s, load 27).
    const child = spawn(python, [PYTORCH_SCRIPT, '--device', 'cpu'], {
      cwd: dir,
      env: { ...torchThreadEnv(THREADS), PYTHONDONTWRITEBYTECODE: '1' },
      detached: process.platform !== 'win32',
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`model.py by hand exited ${code}: ${err.trim().split('\n').slice(-2).join(' / ')}`));
      const r = JSON.parse(line.slice(7)) as { samples: number; history: { seconds: number }[] };
      resolve({
        samplesPerSec: median1(r.history.slice(1).map((h) => r.samples / h.seconds), 'by hand'),
        wallS: (performance.now() - started) / 1000,
        batchLoss: Number([...out.matchAll(/^epoch \d+\/\d+: batch loss ([\d.e+-]+)/gm)].pop()?.[1] ?? NaN),
      });
    });
  });
}

/** The app's path; the last batch event of each epoch carries that epoch's training-loop samples/s. */
async function runThroughEngine(python: string, graph: GraphFile, dataDir: string): Promise<EngineRun> {
  const service = new TrainingService({
    dataDir,
    spawnWorker: forkWorkerFactory(undefined, torchThreadEnv(THREADS)),
    pytorch: { forRun: async () => ({ python }) },
  });
  const perEpoch: number[] = [];
  let batches = 0;
  let batchLoss = NaN;
  let runId = '';
  const started = performance.now();
  const finished = new Promise<void>((resolve, reject) => {
    service.onEvent((e: TrainEvent) => {
      if (runId && e.runId !== runId) return;
      if (e.type === 'started') batches = e.batchesPerEpoch;
      else if (e.type === 'batch' && e.batch === batches - 1 && e.epoch > 0) perEpoch.push(e.samplesPerSec);
      else if (e.type === 'epoch') batchLoss = e.metrics.loss; // the epoch's mean batch loss, as tfjs reports it
      else if (e.type === 'done') resolve();
      else if (e.type === 'failed') reject(new Error(`PyTorch engine: ${e.error}`));
    });
  });
  try {
    runId = (await service.start(graph)).runId;
    await finished;
  } finally {
    await service.dispose();
  }
  return { samplesPerSec: median1(perEpoch, 'engine'), wallS: (performance.now() - started) / 1000, batchLoss };
}

export interface TorchEngineBenchOptions {
  families: Family[];
  rounds: number;
  sampleScale: number;
  torch: { python: string } | { reason: string };
  log: (line: string) => void;
}

async function benchFamily(f: Family, python: string, o: TorchEngineBenchOptions, home: string): Promise<BenchRow> {
  const samples = Math.max(256, Math.round((f.samples * 2 * o.sampleScale) / 128) * 128);
  const graph = await benchGraph(f, samples, EPOCHS, 'cpu', home);
  graph.training.engine = 'pytorch';
  graph.training.pytorch = { device: 'cpu' };
  const dir = path.join(home, `by-hand-${f.key}`);
  const dataset = await loadDataset(graph.dataset, { cacheDir: path.join(home, 'cache') });
  await exportGraph({ graph, format: 'pytorch', outDir: dir, dataset });
  const byHand: EngineRun[] = [];
  const engine: EngineRun[] = [];
  for (let round = 0; round < o.rounds; round++) {
    // Alternate which goes first, so a load change mid-round hits both sides alike.
    const order = round % 2 === 0 ? (['hand', 'engine'] as const) : (['engine', 'hand'] as const);
    for (const which of order) {
      if (which === 'hand') byHand.push(await runByHand(python, dir));
      else engine.push(await runThroughEngine(python, graph, path.join(home, 'data')));
      const last = which === 'hand' ? byHand[byHand.length - 1] : engine[engine.length - 1];
      o.log(`${f.key} round ${round + 1} ${which === 'hand' ? 'by hand' : 'engine '}: ${fmt(last.samplesPerSec)} samples/s, ${fmt(last.wallS)} s wall, last epoch's batch loss ${last.batchLoss.toFixed(4)}`);
    }
  }
  const ratio = median(engine.map((e, i) => e.samplesPerSec / byHand[i].samplesPerSec));
  const e = median(engine.map((r) => r.samplesPerSec));
  const h = median(byHand.map((r) => r.samplesPerSec));
  const eWall = median(engine.map((r) => r.wallS));
  const hWall = median(byHand.map((r) => r.wallS));
  return {
    key: `torch-engine.${f.key}`,
    name: `PyTorch engine: ${f.label}`,
    status: 'ok',
    metrics: {
      engine: { value: e, unit: 'samples/s', better: 'higher' },
      byHand: { value: h, unit: 'samples/s', better: 'higher' },
      ratio: { value: ratio, unit: 'x', better: 'higher' },
      engineWall: { value: eWall, unit: 's', better: 'lower' },
      byHandWall: { value: hWall, unit: 's', better: 'lower' },
    },
    cells: {
      result: `${fmt(e)} samples/s`,
      reference: `model.py by hand ${fmt(h)} samples/s`,
      ratio: `${ratio.toFixed(2)}x`,
      note:
        `target >= 0.9x; ${samples} samples, batch 128, Adam, ${EPOCHS - 1} timed epochs, ${THREADS} thread, median of ${o.rounds} alternating round(s); ` +
        `start to stored run ${fmt(eWall)} s (engine: dataset, data.npz, hand-back, evaluation) vs ${fmt(hWall)} s by hand`,
    },
  };
}

export async function benchTorchEngine(o: TorchEngineBenchOptions): Promise<BenchRow[]> {
  const families = o.families.filter((f) => ENGINE_FAMILIES.includes(f.key));
  const torch = o.torch;
  if ('reason' in torch) return families.map((f) => skippedRow(`torch-engine.${f.key}`, `PyTorch engine: ${f.label}`, torch.reason));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-engine-'));
  const rows: BenchRow[] = [];
  try {
    for (const f of families) {
      o.log(`PyTorch engine vs model.py by hand: ${f.label} ...`);
      rows.push(await benchFamily(f, torch.python, o, home).catch((err: unknown) => failedRow(`torch-engine.${f.key}`, `PyTorch engine: ${f.label}`, err)));
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return rows;
}
