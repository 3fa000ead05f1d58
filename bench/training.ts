// The training-speed rows of `npm run bench`: one per template family (bench/families.ts), each measured in
// one bench run by alternating fresh processes, round after round:
//   LayerLab       the app's training worker (TrainingService + forked worker), LayerLab's wasm kernels
//   stock kernels  the same worker with LAYERLAB_WASM_KERNELS=stock (tfjs-backend-wasm's own kernels): "before"
//   plain fit      the same model and backend set-up trained by tfjs's model.fit alone (bench/plain-fit-child.ts)
//   PyTorch 1t/2t  LayerLab's PyTorch export of the graph trained by bench/torch_train.py, 1 and 2 threads
// Every run excludes its first (warm-up) epoch. Ratios are taken within a round, then the median over rounds.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendChoice } from '../shared/graph/types';
import { loadDataset } from '../src-main/data';
import { WASM_KERNELS_ENV } from '../src-main/engine/wasm-kernels';
import { describeTorch } from '../src-main/torch/probe';
import { BATCH_SIZE, benchGraph, type Family } from './families';
import type { PlainFitRequest } from './plain-fit-child';
import { trainTorch, writeTorchInputs, type TorchRun } from './pytorch';
import { failedRow, fmt, median, type BenchRow, type ReportSection } from './results';
import { trainThroughWorker, type SpeedRun } from './worker-train';

export type RunKind = 'layerlab' | 'stock' | 'plain' | 'torch1' | 'torch2';

export const RUN_LABELS: Record<RunKind, string> = {
  layerlab: 'LayerLab',
  stock: 'stock kernels',
  plain: 'plain model.fit',
  torch1: 'PyTorch 1 thread',
  torch2: 'PyTorch 2 threads',
};

export interface TrainingBenchOptions {
  backend: 'wasm' | 'cpu';
  families: Family[];
  /** Alternating rounds (every kind runs once per round). */
  rounds: number;
  /** Scale of each family's sample count (--quick halves it). */
  sampleScale: number;
  /** A python that imports torch, or why there is none. */
  torch: { python: string } | { reason: string };
  log: (line: string) => void;
}

/** Samples for a family: its size times the scale, a multiple of the batch, at least one batch. */
export function familySamples(f: Family, scale: number): number {
  return Math.max(BATCH_SIZE, Math.round((f.samples * scale) / BATCH_SIZE) * BATCH_SIZE);
}

/** The plain-tfjs run in a fresh process, like the worker. */
function plainFitInChild(req: PlainFitRequest, env: NodeJS.ProcessEnv): Promise<SpeedRun> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'plain-fit-child.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let err = '';
    let answered = false;
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.once('message', (m: SpeedRun | { error: string }) => {
      answered = true;
      if ('error' in m) reject(new Error(`plain model.fit: ${m.error}`));
      else resolve(m);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`plain model.fit child exited ${code}: ${err.trim().split('\n').slice(-2).join(' / ')}`));
    });
    child.send(req);
  });
}

/** The median over rounds of a / b, each round's pair measured back to back. */
function ratio(a: number[], b: number[]): number {
  return median(a.map((v, i) => v / b[i]));
}

export interface FamilyResult {
  family: Family;
  samples: number;
  runs: Partial<Record<RunKind, (SpeedRun | TorchRun)[]>>;
}

async function benchFamily(f: Family, o: TrainingBenchOptions, home: string): Promise<FamilyResult> {
  const samples = familySamples(f, o.sampleScale);
  const backend: BackendChoice = o.backend;
  const graph = await benchGraph(f, samples, 3, backend, home);
  const cacheDir = path.join(home, 'cache');
  const kinds: RunKind[] = ['layerlab', ...(o.backend === 'wasm' ? (['stock'] as const) : []), 'plain'];
  const torchDir = path.join(home, `torch-${f.key}`);
  if ('python' in o.torch) {
    writeTorchInputs(graph, await loadDataset(graph.dataset, { cacheDir }), torchDir);
    kinds.push('torch1', 'torch2');
  }
  const stockEnv = { [WASM_KERNELS_ENV]: 'stock' };
  const run: Record<RunKind, () => Promise<SpeedRun | TorchRun>> = {
    layerlab: () => trainThroughWorker(graph, home),
    // The stock kernels are up to 10x slower: one timed epoch instead of two.
    stock: () => trainThroughWorker({ ...graph, training: { ...graph.training, epochs: 2 } }, home, stockEnv),
    plain: () => plainFitInChild({ graph, cacheDir }, {}),
    torch1: () => trainTorch((o.torch as { python: string }).python, torchDir, 1),
    torch2: () => trainTorch((o.torch as { python: string }).python, torchDir, 2),
  };
  const result: FamilyResult = { family: f, samples, runs: {} };
  for (let r = 0; r < o.rounds; r++) {
    // Reverse the order every other round so that no kind always runs right after a slow one.
    for (const kind of r % 2 ? [...kinds].reverse() : kinds) {
      const t0 = performance.now();
      const out = await run[kind]();
      (result.runs[kind] ??= []).push(out);
      o.log(`${f.key} round ${r + 1}: ${RUN_LABELS[kind]} ${fmt(out.samplesPerSec)} samples/s (${out.epochs} epochs timed, loss ${out.loss.toPrecision(3)}, ${fmt((performance.now() - t0) / 1000)} s, load ${os.loadavg()[0].toFixed(1)})`);
    }
  }
  return result;
}

function speeds(r: FamilyResult, kind: RunKind): number[] | null {
  return r.runs[kind]?.map((x) => x.samplesPerSec) ?? null;
}

export function familyRow(r: FamilyResult, torchReason: string | null): BenchRow {
  const ours = speeds(r, 'layerlab')!;
  const metrics: BenchRow['metrics'] = { layerlab: { value: median(ours), unit: 'samples/s', better: 'higher' } };
  const notes: string[] = [];
  const add = (kind: RunKind, key: string, ratioKey: string, ratioLabel: string) => {
    const s = speeds(r, kind);
    if (!s) return null;
    metrics[key] = { value: median(s), unit: 'samples/s', better: 'higher' };
    const x = ratio(ours, s);
    metrics[ratioKey] = { value: x, unit: 'x', better: 'higher' };
    return `${x.toFixed(2)}x ${ratioLabel}`;
  };
  const kernels = add('stock', 'stockKernels', 'kernelSpeedup', 'stock kernels');
  const plain = add('plain', 'plainFit', 'overPlainFit', 'plain fit');
  const pt1 = add('torch1', 'pytorch1', 'overPytorch1', 'PyTorch 1t');
  const pt2 = add('torch2', 'pytorch2', 'overPytorch2', 'PyTorch 2t');
  if (torchReason) notes.push(`PyTorch not run: ${torchReason}`);
  const lossOf = (kind: RunKind) => r.runs[kind]?.at(-1)?.loss;
  notes.push(`${r.samples} samples, batch ${BATCH_SIZE}, Adam, ${ours.length} round(s); last loss LayerLab ${lossOf('layerlab')?.toPrecision(3)}${lossOf('torch1') !== undefined ? `, PyTorch ${lossOf('torch1')!.toPrecision(3)}` : ''}`);
  return {
    key: `train.${r.family.key}`,
    name: `Train ${r.family.label}`,
    status: 'ok',
    metrics,
    cells: {
      result: `${fmt(median(ours))} samples/s`,
      reference: [
        pt1 && `PyTorch ${fmt(metrics.pytorch1.value)} (1t)`,
        pt2 && `${fmt(metrics.pytorch2.value)} (2t)`,
        plain && `fit ${fmt(metrics.plainFit.value)}`,
        kernels && `stock ${fmt(metrics.stockKernels.value)}`,
      ]
        .filter(Boolean)
        .join('; '),
      ratio: [pt1, pt2, plain, kernels].filter(Boolean).join(', '),
      note: notes.join('; '),
    },
  };
}

/** The training-speed table: one line per family, every kind's median and LayerLab's ratios to each. */
export function trainingSection(rows: BenchRow[], torchLine: string | null, rounds: number): ReportSection {
  const v = (r: BenchRow, k: string, unit = '') => (r.metrics[k] ? `${unit === 'x' ? r.metrics[k].value.toFixed(2) : fmt(r.metrics[k].value)}${unit}` : '-');
  const ok = rows.filter((r) => r.status === 'ok');
  return {
    title: `Training speed, samples/s (batch ${BATCH_SIZE}, Adam, warm-up epoch excluded; ratios of LayerLab to each, median of ${rounds} alternating round(s))`,
    rowKeys: ok.map((r) => r.key),
    header: ['Family', 'LayerLab', 'stock kernels', 'LL/stock', 'plain fit', 'LL/fit', 'PyTorch 1t', 'LL/PT1', 'PyTorch 2t', 'LL/PT2'],
    lines: ok.map((r) => [
      r.name.replace(/^Train /, ''),
      v(r, 'layerlab'),
      v(r, 'stockKernels'),
      v(r, 'kernelSpeedup', 'x'),
      v(r, 'plainFit'),
      v(r, 'overPlainFit', 'x'),
      v(r, 'pytorch1'),
      v(r, 'overPytorch1', 'x'),
      v(r, 'pytorch2'),
      v(r, 'overPytorch2', 'x'),
    ]),
    notes: [
      'LayerLab: the app\'s training worker; stock kernels: the same with LAYERLAB_WASM_KERNELS=stock (before LayerLab\'s wasm kernels);',
      'plain fit: tfjs model.fit on the same model and backend set-up; PyTorch: LayerLab\'s PyTorch export of the graph, same data.',
      ...(torchLine ? [`PyTorch: ${torchLine}`] : []),
      ...rows.map((r) => `${r.key.replace(/^train\./, '')}: ${r.cells.note ?? ''}`),
    ],
  };
}

export async function benchTrainingFamilies(o: TrainingBenchOptions): Promise<{ rows: BenchRow[]; section: ReportSection }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-train-'));
  const rows: BenchRow[] = [];
  const probes = new Map<number, string>();
  try {
    for (const f of o.families) {
      o.log(`training: ${f.label} (${f.template}), ${familySamples(f, o.sampleScale)} samples, ${o.rounds} round(s) ...`);
      try {
        const r = await benchFamily(f, o, home);
        for (const [kind, threads] of [['torch1', 1], ['torch2', 2]] as const) {
          const p = (r.runs[kind]?.[0] as TorchRun | undefined)?.probe;
          if (p) probes.set(threads, describeTorch({ python: '', ...p }));
        }
        rows.push(familyRow(r, 'reason' in o.torch ? o.torch.reason : null));
      } catch (err) {
        o.log(`training ${f.key}: ${err instanceof Error ? err.message : String(err)}`);
        rows.push(failedRow(`train.${f.key}`, `Train ${f.label}`, err));
      }
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  const torchLine = probes.size ? [...probes.values()].join(' | ') : 'reason' in o.torch ? `not run: ${o.torch.reason}` : null;
  return { rows, section: trainingSection(rows, torchLine, o.rounds) };
}
