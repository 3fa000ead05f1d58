// Every trainable template really learns: each is trained as shipped (same graph, optimizer, learning rate,
// dataset kind and options) on a small slice of its data for a few epochs, through the app's own path
// (loadDataset -> buildModel -> compileModel -> bindDataset -> fitModel, see templates-testing.ts) with seeded
// weights, and must beat the threshold in the table below. Thresholds are set well inside what the runs reach
// and well above what an untrained model scores. The templates whose point is a comparison (long dependencies,
// WaveNet's causality, seq2seq with and without attention, the tiny GPT) are trained in
// templates-lessons.test.ts, against baselines that show the lesson.
//
// CIFAR-10 files are not available here: its row trains on a generated dataset in the CIFAR binary format
// (read by the real CIFAR reader) whose classes differ by the position and colour of a bright square.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BackendInfo } from '../shared/api';
import { getTemplate, isViewOnly, TEMPLATES } from '../shared/templates';
import { initBackend } from './engine/backend';
import { prepareEngine } from './engine/setup';
import { writeLearnableCifar } from './data/testFiles';
import { LESSON_TEMPLATE_IDS, describeRun, trainSmall } from './templates-testing';

type Check =
  /** Final validation accuracy at least `min` (chance given for the report). */
  | { metric: 'val_acc'; min: number; chance: number }
  /** Final validation loss below `ratio` x the untrained loss (the first batch, before any update). */
  | { metric: 'val_loss'; ratio: number };

interface Row {
  id: string;
  /** Training pool cap (train + validation), validation fraction 0.2. */
  limit: number;
  epochs: number;
  batchSize?: number;
  /** Smaller synthetic pools or files for the test; everything else is the template's own. */
  options?: Record<string, string | number>;
  check: Check;
}

// The thresholds: what each template must reach at this small scale.
const ROWS: Row[] = [
  { id: 'mlp-mnist', limit: 700, epochs: 1, batchSize: 32, check: { metric: 'val_acc', min: 0.6, chance: 0.1 } },
  { id: 'cnn-cifar10', limit: 250, epochs: 2, batchSize: 16, check: { metric: 'val_acc', min: 0.4, chance: 0.1 } },
  { id: 'lstm-mnist-rows', limit: 500, epochs: 3, batchSize: 32, check: { metric: 'val_acc', min: 0.3, chance: 0.1 } },
  // Per-character accuracy; 'chance' is what ignoring the image scores (the most common character at each
  // position, mostly end tokens at the tail): 29/60. Measured 0.89-0.90 at this scale.
  { id: 'one-to-many-digit-names', limit: 1200, epochs: 4, batchSize: 32, check: { metric: 'val_acc', min: 0.75, chance: 0.48 } },
  { id: 'many-to-many-tagging', limit: 500, epochs: 3, options: { samples: 500 }, check: { metric: 'val_acc', min: 0.5, chance: 0.1 } },
  { id: 'transformer-encoder-mnist', limit: 600, epochs: 5, batchSize: 32, check: { metric: 'val_acc', min: 0.3, chance: 0.1 } },
  // Validation episodes use held-out classes (new prototypes), so val_acc is few-shot accuracy on unseen classes
  // (5-way 1-shot, chance 0.2). Accuracy stays near chance for 2-3 epochs, then climbs.
  { id: 'snail-fewshot', limit: 3000, epochs: 6, options: { episodes: 3000 }, check: { metric: 'val_acc', min: 0.5, chance: 0.2 } },
];

function describeCheck(c: Check): string {
  if (c.metric === 'val_acc') return `val_acc >= ${c.min} (chance ${c.chance})`;
  return `${c.metric} < ${c.ratio} x untrained loss`;
}

let tmp = '';
let backend: BackendInfo;
const results: string[] = [];

beforeAll(async () => {
  tmp = await import('node:fs/promises').then((fs) => fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-templates-')));
  await writeLearnableCifar(path.join(tmp, 'cifar'), 80, 20);
  // wasm: ~5x the cpu speed here.
  backend = await initBackend('wasm');
  if (backend.name !== 'wasm') console.warn(`Training templates on ${backend.name}: ${backend.reason}`);
  prepareEngine(tf);
}, 60_000);

afterAll(async () => {
  console.log(`Template training at small scale (${backend?.name}):\n${results.join('\n')}`);
  await rm(tmp, { recursive: true, force: true });
});

describe('templates learn at small scale', () => {
  it('the table and the lesson tests together cover every trainable template', () => {
    expect([...ROWS.map((r) => r.id), ...LESSON_TEMPLATE_IDS].sort()).toEqual(TEMPLATES.filter((t) => !isViewOnly(t)).map((t) => t.id).sort());
  });

  for (const row of ROWS) {
    it(`${row.id}: ${describeCheck(row.check)}`, async () => {
      const template = getTemplate(row.id)!;
      const options = { ...(row.options ?? {}), ...(template.graph.dataset.id === 'cifar10' ? { path: path.join(tmp, 'cifar') } : {}) };
      const run = await trainSmall(template.graph, { limit: row.limit, epochs: row.epochs, batchSize: row.batchSize, options, cacheDir: tmp, backend });
      try {
        results.push(describeRun(row.id, run));
        const last = run.last;
        expect(Number.isFinite(last.val_loss)).toBe(true);
        if (row.check.metric === 'val_acc') expect(last.val_acc).toBeGreaterThanOrEqual(row.check.min);
        else expect(last.val_loss!).toBeLessThan(row.check.ratio * run.untrained);
      } finally {
        run.built.model.dispose();
      }
    }, 240_000);
  }
});
