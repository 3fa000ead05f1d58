// `npm run bench [-- --backend wasm|cpu] [--quick] [--only train,engine,diag,infer,onnx,web,canvas,memory,templates] [--families ...] [--rounds N] [--out DIR]`
// Prints a table and writes bench/results/<timestamp>.json; compare two runs with `tsx bench/compare.ts A B`.
import os from 'node:os';
import path from 'node:path';
import type { BackendChoice } from '../shared/graph/types';
import { initBackend } from '../src-main/engine/backend';
import { benchBrowser, browserBlocker, coldLayoutBench, layoutBenchGraphs, type FrameResult } from './browser';
import { benchInference } from './infer';
import { benchOnnxInference } from './onnx';
import { benchMemory, fashionBlocker, HIDDEN as MEMORY_HIDDEN } from './memory';
import { findTorchPython } from '../src-main/torch/probe';
import { familiesByKey, FAMILIES } from './families';
import { failedRow, fmt, formatReport, machineNow, saveReport, skippedRow, type BenchReport, type BenchRow, type ReportSection } from './results';
import { benchTemplates } from './templates';
import { benchTrainingFamilies } from './training';
import { benchTorchEngine } from './torch-engine';
import { benchDiagnostics } from './diagnostics';
import { LAYERED_ABOVE_NODES } from '../src-renderer/src/canvas/layout/layered';

const DEFAULT_GROUPS = ['train', 'engine', 'diag', 'infer', 'onnx', 'web', 'canvas', 'memory'] as const;
/** Groups that run only when named in --only: every template at full scale takes tens of minutes. */
const OPT_IN_GROUPS = ['templates'] as const;
const GROUPS = [...DEFAULT_GROUPS, ...OPT_IN_GROUPS] as const;
type Group = (typeof GROUPS)[number];

export interface RunOptions {
  backend: 'wasm' | 'cpu';
  quick: boolean;
  only: Group[];
  /** With the templates group: only these template ids. */
  templates?: string[];
  /** With the train group: only these families (bench/families.ts). */
  families?: string[];
  /** Alternating rounds of the training rows (default 2, 1 with --quick). */
  rounds?: number;
  outDir: string;
}

const USAGE = `Usage: npm run bench -- [--backend wasm|cpu] [--quick] [--only ${GROUPS.join(',')}] [--out DIR]
  --backend  tfjs backend for the training rows (default wasm)
  --quick    skip the full Fashion-MNIST memory row, time the web host start once instead of 3 times,
             one training round on half the samples
  --families with the train and engine groups: only these families (${FAMILIES.map((f) => f.key).join(', ')})
  --rounds   alternating rounds of the training rows (default 2)
  --only     run only these groups (comma separated); 'templates' (every template trained with its own
             settings, tens of minutes) runs only when named here
  --templates  with --only templates: just these template ids (comma separated)
  --out      folder for the JSON report (default bench/results)`;

export function parseRunArgs(argv: string[]): RunOptions | { help: true } {
  const o: RunOptions = { backend: 'wasm', quick: false, only: [...DEFAULT_GROUPS], outDir: path.join(__dirname, 'results') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg === '--quick') o.quick = true;
    else if (arg === '--backend') {
      const b = value();
      if (b !== 'wasm' && b !== 'cpu') throw new Error(`--backend must be wasm or cpu, got '${b}' (tfjs-node is not benchmarked here)`);
      o.backend = b;
    } else if (arg === '--only') {
      const groups = value().split(',').map((s) => s.trim());
      const bad = groups.filter((g) => !(GROUPS as readonly string[]).includes(g));
      if (bad.length) throw new Error(`--only: unknown group ${bad.join(', ')}; known: ${GROUPS.join(', ')}`);
      o.only = groups as Group[];
    } else if (arg === '--templates') o.templates = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '--families') o.families = familiesByKey(value().split(',').map((s) => s.trim()).filter(Boolean)).map((f) => f.key);
    else if (arg === '--rounds') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`--rounds must be a whole number >= 1`);
      o.rounds = n;
    }
    else if (arg === '--out') o.outDir = path.resolve(value());
    else throw new Error(`Unknown argument '${arg}'\n${USAGE}`);
  }
  return o;
}

async function guarded(rows: BenchRow[], key: string, name: string, fn: () => Promise<BenchRow | BenchRow[]>): Promise<void> {
  try {
    const out = await fn();
    rows.push(...(Array.isArray(out) ? out : [out]));
  } catch (err) {
    console.error(`${key}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    rows.push(failedRow(key, name, err));
  }
}

export async function runBench(o: RunOptions): Promise<BenchReport> {
  const loadStart = os.loadavg()[0];
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const log = (line: string) => console.log(`  ${line}`);
  const backend = await initBackend(o.backend as BackendChoice);
  console.log(`LayerLab benchmark: backend ${backend.name}, ${os.cpus().length} cores, load ${loadStart.toFixed(2)}`);
  const rows: BenchRow[] = [];
  const sections: ReportSection[] = [];
  const has = (g: Group) => o.only.includes(g);
  const rounds = o.rounds ?? (o.quick ? 1 : 2);

  if (has('train')) {
    await guarded(rows, 'train', 'Training', async () => {
      const torch = findTorchPython();
      const families = familiesByKey(o.families);
      const r = await benchTrainingFamilies({ backend: o.backend, families, rounds, sampleScale: o.quick ? 0.5 : 1, torch, log });
      sections.push(r.section);
      return r.rows;
    });
  }

  if (has('engine')) {
    await guarded(rows, 'torch-engine', 'PyTorch engine', () =>
      benchTorchEngine({ families: familiesByKey(o.families), rounds, sampleScale: o.quick ? 0.5 : 1, torch: findTorchPython(), log }),
    );
  }

  if (has('diag')) {
    await guarded(rows, 'train.diagnostics', 'Training with layer diagnostics (MLP template)', () =>
      benchDiagnostics({ backend: o.backend, rounds, samples: o.quick ? 1500 : 3000, log }),
    );
  }

  if (has('infer')) {
    await guarded(rows, 'infer.1000', 'Shape inference, 1,000 nodes', async () => {
      log('shape inference: 1,000-node graph ...');
      const r = benchInference(1000, 15);
      return {
        key: 'infer.1000',
        name: 'Shape inference, 1,000 nodes',
        status: 'ok',
        metrics: { median: { value: r.medianMs, unit: 'ms', better: 'lower' }, p90: { value: r.p90Ms, unit: 'ms', better: 'lower' } },
        cells: { result: `${fmt(r.medianMs)} ms median`, note: `p90 ${fmt(r.p90Ms)} ms; ${r.edges} edges; ${r.runs} runs of inferGraph` },
      };
    });
  }

  if (has('onnx')) {
    await guarded(rows, 'onnx.mlp', 'ONNX inference, MLP 784-1024-512-512-10', () => {
      log('onnx: the exported MLP in onnxruntime-node vs tfjs-wasm ...');
      return benchOnnxInference({ rounds: o.quick ? 2 : 4, batchesPerRound: o.quick ? 5 : 10, log });
    });
  }

  if (has('web') || has('canvas')) {
    const blocker = browserBlocker(log);
    if (blocker) {
      if (has('web')) rows.push(skippedRow('web.start', 'Web host start to interactive', blocker));
      if (has('canvas')) {
        rows.push(
          skippedRow('canvas.pan300', 'Canvas panning, 300 nodes', blocker),
          skippedRow('canvas.zoom300', 'Canvas zooming, 300 nodes', blocker),
          skippedRow('canvas.param300.last', 'Parameter change, last layer of 300', blocker),
          skippedRow('canvas.param300', 'Parameter change to all shapes, 300 nodes', blocker),
          ...[coldLayoutBench(), ...layoutBenchGraphs()].map((g) => skippedRow(g.key, g.name, blocker)),
        );
      }
    } else {
      const runs = o.quick ? 1 : 3;
      const r = await benchBrowser({ runs, nodes: 300, panMs: 3000 }, log).catch((err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        return { start: e, frames: e, zoom: e, paramChange: e, layout: undefined };
      });
      if (has('web')) {
        rows.push(
          r.start instanceof Error
            ? failedRow('web.start', 'Web host start to interactive', r.start)
            : {
                key: 'web.start',
                name: 'Web host start to interactive',
                status: 'ok',
                metrics: {
                  total: { value: r.start.totalMs, unit: 'ms', better: 'lower' },
                  hostReady: { value: r.start.hostReadyMs, unit: 'ms', better: 'lower' },
                  page: { value: r.start.pageMs, unit: 'ms', better: 'lower' },
                },
                cells: {
                  result: `${fmt(r.start.totalMs / 1000)} s`,
                  note: `spawn to URL ${fmt(r.start.hostReadyMs / 1000)} s + page to canvas ${fmt(r.start.pageMs / 1000)} s; median of ${r.start.runs}`,
                },
              },
        );
      }
      if (has('canvas')) {
        // Panning and zooming: the same frame statistics, each gesture described in its own words.
        const frameRow = (key: string, name: string, f: FrameResult | Error, gestures: (f: FrameResult) => string): BenchRow =>
          f instanceof Error
            ? failedRow(key, name, f)
            : {
                key,
                name,
                status: 'ok',
                metrics: {
                  fps: { value: f.fps, unit: 'fps', better: 'higher' },
                  p95: { value: f.p95FrameMs, unit: 'ms', better: 'lower' },
                  p50: { value: f.p50FrameMs, unit: 'ms', better: 'lower' },
                },
                cells: {
                  result: `${fmt(f.fps)} fps`,
                  note: `frame p95 ${fmt(f.p95FrameMs)} ms, p50 ${fmt(f.p50FrameMs)} ms, max ${fmt(f.maxFrameMs)} ms; ${f.frames} frames, ${gestures(f)}, headless Chromium`,
                },
              };
        rows.push(
          frameRow('canvas.pan300', 'Canvas panning, 300 nodes', r.frames, (f) => `${f.drags} drag(s), ${f.renderedNodes} nodes drawn`),
          frameRow('canvas.zoom300', 'Canvas zooming, 300 nodes', r.zoom ?? new Error('not measured'), (f) => `${f.drags} wheel gestures`),
        );
        const c = r.paramChange ?? new Error('not measured');
        const changeRow = (key: string, name: string, which: 'last' | 'first', what: string): BenchRow => {
          if (c instanceof Error) return failedRow(key, name, c);
          const p = c[which];
          return {
            key,
            name,
            status: 'ok',
            metrics: {
              median: { value: p.medianMs, unit: 'ms', better: 'lower' },
              max: { value: p.maxMs, unit: 'ms', better: 'lower' },
              frames: { value: p.maxFrames, unit: 'frames', better: 'lower' },
            },
            cells: {
              result: `${fmt(p.medianMs)} ms median`,
              note: `max ${fmt(p.maxMs)} ms; ${p.labels} edge label${p.labels === 1 ? '' : 's'} updated by the ${p.maxFrames === 1 ? 'next frame' : `frame ${p.maxFrames} at worst`}; ${p.runs} edits of ${what} units via the inspector, headless Chromium`,
            },
          };
        };
        rows.push(
          changeRow('canvas.param300.last', 'Parameter change, last layer of 300', 'last', "the last Dense's"),
          changeRow('canvas.param300', 'Parameter change to all shapes, 300 nodes', 'first', "the first Dense's"),
        );
        for (const g of [coldLayoutBench(), ...layoutBenchGraphs()]) {
          const l = r.layout?.[g.key] ?? new Error('not measured');
          const n = l instanceof Error ? 0 : l.runs;
          const how = g.key === coldLayoutBench().key ? `the first open in ${n === 1 ? 'a freshly started page' : `each of ${n} freshly started pages`}` : `${n} run${n === 1 ? '' : 's'} after a warm-up`;
          rows.push(
            l instanceof Error
              ? failedRow(g.key, g.name, l)
              : {
                  key: g.key,
                  name: g.name,
                  status: 'ok',
                  metrics: {
                    median: { value: l.medianMs, unit: 'ms', better: 'lower' },
                    max: { value: l.maxMs, unit: 'ms', better: 'lower' },
                    open: { value: l.openMedianMs, unit: 'ms', better: 'lower' },
                  },
                  cells: {
                    result: `${fmt(l.medianMs)} ms median`,
                    note: `max ${fmt(l.maxMs)} ms; ${l.nodes} nodes${l.laidOut !== l.nodes ? ` drawn as ${l.laidOut} (blocks collapsed)` : ""}, ${l.arrangement}; file opened to laid-out view ${fmt(l.openMedianMs)} ms; ${l.laidOut > LAYERED_ABOVE_NODES ? 'own layered layout (layered.ts) on the page' : "ELK in the app's web worker"}, ${how}, headless Chromium`,
                  },
                },
          );
        }
      }
    }
  }

  if (has('memory')) {
    const blocker = o.quick ? '--quick (one epoch over 60,000 images takes a minute or more)' : fashionBlocker();
    if (blocker) rows.push(skippedRow('memory.fashion', 'Peak memory, Fashion-MNIST epoch', blocker));
    else {
      await guarded(rows, 'memory.fashion', 'Peak memory, Fashion-MNIST epoch', async () => {
        log('memory: one epoch of full Fashion-MNIST in a child process ...');
        const m = await benchMemory(backend.name);
        return {
          key: 'memory.fashion',
          name: 'Peak memory, Fashion-MNIST epoch',
          status: 'ok',
          metrics: {
            peakRss: { value: m.peakRssMiB, unit: 'MiB', better: 'lower' },
            samplesPerSec: { value: m.samplesPerSec, unit: 'samples/s', better: 'higher' },
          },
          cells: {
            result: `${fmt(m.peakRssMiB)} MiB peak RSS`,
            note: `${m.trainSamples.toLocaleString('en-US')} samples, MLP 784-${MEMORY_HIDDEN.join('-')}-10, ${fmt(m.samplesPerSec)} samples/s, acc ${m.accuracy?.toFixed(3) ?? '?'}, load ${fmt(m.loadMs / 1000)} s`,
          },
        };
      });
    }
  }

  if (has('templates')) {
    await guarded(rows, 'templates', 'Templates at full scale', () => benchTemplates(o.backend, log, o.templates));
  }

  return {
    format: 'layerlab-bench',
    version: 1,
    startedAt,
    durationS: (performance.now() - t0) / 1000,
    backend: { name: backend.name, reason: backend.reason },
    options: { backend: o.backend, quick: o.quick, only: o.only, rounds, families: o.families ?? FAMILIES.map((f) => f.key) },
    machine: machineNow(loadStart),
    rows,
    sections,
  };
}

if (process.argv[1]?.endsWith(path.join('bench', 'run.ts'))) {
  (async () => {
    const o = parseRunArgs(process.argv.slice(2));
    if ('help' in o) return console.log(USAGE);
    const report = await runBench(o);
    const file = saveReport(report, o.outDir);
    console.log(`\n${formatReport(report)}\n\nSaved ${path.relative(process.cwd(), file)}`);
    if (report.rows.some((r) => r.status === 'failed')) process.exitCode = 1;
  })().catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
