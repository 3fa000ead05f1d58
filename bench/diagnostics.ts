// Training speed with and without the layer diagnostics (per-layer gradient and weight norms, per-epoch
// histograms): the MLP template trained through the real worker, the settings alternating within one run so
// the machine's load hits both alike. Reports the median samples/s of each and their ratio.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiagnosticsConfig, GraphFile } from '../shared/graph/types';
import { getTemplate } from '../shared/templates';
import { fmt, median, type BenchRow } from './results';
import { trainThroughWorker } from './worker-train';

export interface DiagnosticsBenchOptions {
  backend: string;
  rounds: number;
  /** Training samples (the MLP template's bundled digits); the first of 3 epochs is the warm-up. */
  samples: number;
  log: (line: string) => void;
}

const VARIANTS: { key: string; label: string; diagnostics: DiagnosticsConfig }[] = [
  { key: 'off', label: 'off', diagnostics: { record: false } },
  { key: 'every10', label: 'every 10 batches (default)', diagnostics: { record: true, everyBatches: 10 } },
  { key: 'every1', label: 'every batch', diagnostics: { record: true, everyBatches: 1 } },
];

export async function benchDiagnostics(o: DiagnosticsBenchOptions): Promise<BenchRow> {
  const template = getTemplate('mlp-mnist')!.graph;
  const graphFor = (diagnostics: DiagnosticsConfig): GraphFile => {
    const g = structuredClone(template);
    g.dataset = { ...g.dataset, limit: Math.round(o.samples / 0.9), validationSplit: 0.1 };
    g.training = { ...g.training, epochs: 3, backend: o.backend as GraphFile['training']['backend'], diagnostics };
    return g;
  };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-diag-'));
  const speeds = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
  try {
    for (let round = 0; round < o.rounds; round++) {
      // Alternate the order each round, so neither setting always runs first.
      const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const v of order) {
        const r = await trainThroughWorker(graphFor(v.diagnostics), home);
        speeds.get(v.key)!.push(r.samplesPerSec);
        o.log(`diagnostics ${v.label}: ${fmt(r.samplesPerSec)} samples/s (${r.backend}, loss ${r.loss.toFixed(3)})`);
      }
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  const off = median(speeds.get('off')!);
  const on = median(speeds.get('every10')!);
  const every1 = median(speeds.get('every1')!);
  return {
    key: 'train.diagnostics',
    name: 'Training with layer diagnostics (MLP template)',
    status: 'ok',
    metrics: {
      off: { value: off, unit: 'samples/s', better: 'higher' },
      every10: { value: on, unit: 'samples/s', better: 'higher' },
      every1: { value: every1, unit: 'samples/s', better: 'higher' },
      ratio: { value: on / off, unit: 'x', better: 'higher' },
    },
    cells: {
      result: `${fmt(on)} samples/s with diagnostics (every 10 batches)`,
      reference: `${fmt(off)} samples/s off`,
      ratio: `${(on / off).toFixed(2)}x`,
      note: `every batch: ${fmt(every1)} samples/s (${(every1 / off).toFixed(2)}x); ${o.samples} digits, batch ${template.training.batchSize}, 2 timed epochs, median of ${o.rounds} alternating round(s) through the training worker`,
    },
  };
}
