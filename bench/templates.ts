// The "templates" group: trains every trainable template with the settings it opens with (its dataset
// size, epochs, batch size, optimizer) through the same worker the app and `layerlab train` use, and reports
// where each ends (validation accuracy or loss, test evaluation) and how long it took on which backend.
// These are the README's full-scale figures. Opt-in (`--only templates`): the whole set takes tens of minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EpochMetrics } from '../shared/api';
import type { BackendChoice } from '../shared/graph/types';
import { TEMPLATES, isViewOnly, type Template } from '../shared/templates';
import { trainHeadless } from '../src-main/cli/train';
import { RunStore } from '../src-main/training/run-store';
import { fmt, skippedRow, failedRow, type BenchRow } from './results';

/** Templates whose data is a folder the user supplies; the env var names where it is on this machine. */
const DATA_FOLDERS: Record<string, string> = { cifar10: 'LAYERLAB_CIFAR10_DIR' };

function headline(final: EpochMetrics | null | undefined): string {
  if (!final) return 'no epoch finished';
  if (final.val_acc !== undefined) return `val_acc ${final.val_acc.toFixed(4)}`;
  if (final.acc !== undefined) return `acc ${final.acc.toFixed(4)}`;
  if (final.val_loss !== undefined) return `val_loss ${final.val_loss.toPrecision(4)}`;
  return `loss ${final.loss.toPrecision(4)}`;
}

async function trainTemplate(t: Template, backend: BackendChoice, home: string, log: (line: string) => void): Promise<BenchRow> {
  const key = `template.${t.id}`;
  const graph = structuredClone(t.graph);
  graph.training.backend = backend;
  const envVar = DATA_FOLDERS[graph.dataset.id];
  if (envVar) {
    const dir = process.env[envVar];
    if (!dir || !fs.existsSync(dir)) return skippedRow(key, t.name, `needs the real dataset folder; set ${envVar} (not downloadable offline here)`);
    graph.dataset.options = { ...graph.dataset.options, path: dir };
  }
  log(`template ${t.id}: ${graph.training.epochs} epochs, batch ${graph.training.batchSize} ...`);
  const t0 = performance.now();
  const result = await trainHeadless(graph, { dataDir: home, quiet: true });
  const wallMs = performance.now() - t0;
  if (result.status === 'failed') return failedRow(key, t.name, new Error(result.error ?? 'training failed'));
  const run = await new RunStore(home).get(result.runId);
  if (!run) throw new Error(`run ${result.runId} was not stored`);
  const final = run.final ?? run.epochsHistory.at(-1) ?? null;
  const evalAcc = run.evaluation?.accuracy;
  const metrics: BenchRow['metrics'] = { seconds: { value: wallMs / 1000, unit: 's', better: 'lower' } };
  if (final?.val_acc !== undefined) metrics.valAcc = { value: final.val_acc, unit: 'acc', better: 'higher' };
  if (final?.val_loss !== undefined) metrics.valLoss = { value: final.val_loss, unit: 'loss', better: 'lower' };
  if (evalAcc !== undefined) metrics.testAcc = { value: evalAcc, unit: 'acc', better: 'higher' };
  const decoding = run.evaluation?.decoding;
  const forecast = run.evaluation?.regression?.forecast;
  if (decoding) metrics.freeRunningAcc = { value: decoding.greedy.tokenAccuracy, unit: 'acc', better: 'higher' };
  if (forecast) metrics.forecastMse = { value: forecast.mse, unit: 'loss', better: 'lower' };
  const size = `${run.epochsHistory.length} epochs, ${run.dataset.limit ? `${run.dataset.limit} samples cap` : 'all samples'}`;
  const test = run.evaluation ? `; ${run.evaluation.split} ${evalAcc !== undefined ? `acc ${evalAcc.toFixed(4)}` : `loss ${run.evaluation.loss.toPrecision(4)}`} on ${run.evaluation.samples}` : '';
  const extra =
    (decoding
      ? `; teacher-forced ${decoding.teacherForced.tokenAccuracy.toFixed(4)} / free-running greedy ${decoding.greedy.tokenAccuracy.toFixed(4)} per character, ` +
        `whole date ${decoding.teacherForced.sequenceAccuracy.toFixed(4)} / ${decoding.greedy.sequenceAccuracy.toFixed(4)}` +
        (decoding.beam ? `, beam ${decoding.beam.width} ${decoding.beam.tokenAccuracy.toFixed(4)} / ${decoding.beam.sequenceAccuracy.toFixed(4)} on ${decoding.beam.samples}` : '')
      : '') + (forecast ? `; forecast (${forecast.what}) MSE ${forecast.mse.toPrecision(4)}` : '');
  log(`template ${t.id}: ${headline(final)}${test}${extra} in ${fmt(wallMs / 1000)} s on ${run.backend ?? backend}`);
  return {
    key,
    name: t.name,
    status: 'ok',
    metrics,
    cells: {
      result: headline(final),
      reference: run.backend ?? backend,
      note: `${fmt(wallMs / 1000)} s; ${size}${test}${extra}; ${run.status}`,
    },
  };
}

/** Trains the chosen (default: every trainable) template in turn; one row each. */
export async function benchTemplates(backend: BackendChoice, log: (line: string) => void, ids?: string[]): Promise<BenchRow[]> {
  const chosen = TEMPLATES.filter((t) => !isViewOnly(t) && (!ids || ids.includes(t.id)));
  if (ids) {
    const unknown = ids.filter((id) => !TEMPLATES.some((t) => t.id === id));
    if (unknown.length) throw new Error(`unknown template ${unknown.join(', ')}`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-templates-'));
  const rows: BenchRow[] = [];
  try {
    for (const t of chosen) {
      try {
        rows.push(await trainTemplate(t, backend, home, log));
      } catch (err) {
        rows.push(failedRow(`template.${t.id}`, t.name, err));
      }
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return rows;
}
