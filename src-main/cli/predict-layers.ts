// `layerlab predict --run RUN_ID --sample N --layers` (and with --text / any TryInput): the per-layer table of one
// input's activations: layer, kind, output shape, mean, std, min, max and the percentage of exact zeros. The
// predict command calls this when --layers is given; the computation is the look-inside job's (inspect-job.ts).
import type { TryInput } from '../../shared/try-input';
import type { GraphFile } from '../../shared/graph/types';
import type { RunActivations } from '../../shared/inspect';
import { resolveDataDir } from '../files/data-dir';
import { CliError } from './args';

function num(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : v.toPrecision(4);
}

/** The table as lines; `graph` gives each node its canvas label. */
export function layerTableLines(result: RunActivations, graph?: Pick<GraphFile, 'nodes'>): string[] {
  const label = (id: string) => graph?.nodes.find((n) => n.id === id)?.label;
  const header = ['Layer', 'Kind', 'Shape', 'Mean', 'Std', 'Min', 'Max', 'Zeros %'];
  const rows = result.nodes.map((n) => [
    label(n.nodeId) ? `${label(n.nodeId)} (${n.nodeId})` : n.nodeId,
    n.kind,
    `[${n.shape.join(', ')}]`,
    num(n.stats.mean),
    num(n.stats.std),
    num(n.stats.min),
    num(n.stats.max),
    (n.stats.zeros * 100).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Text columns left, numbers right.
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const lines = [line(header), rule, ...rows.map(line), rule];
  if (result.prediction) lines.push(`Prediction: ${result.prediction.className} (${(result.prediction.probability * 100).toFixed(1)}%)`);
  return lines;
}

/** Computes and prints the table (or the whole result as JSON); 0 on success. Wrong input -> CliError (exit 2). */
export async function printLayerTable(runId: string, input: TryInput, json: boolean): Promise<number> {
  const { runInspectJob } = await import('../inspect/inspect-job');
  const { loadTryRun } = await import('../predict/load-run');
  let result: RunActivations;
  try {
    result = await runInspectJob({ dataDir: resolveDataDir(), runId, input });
  } catch (err) {
    if (err instanceof Error && err.name === 'TryInputError') throw new CliError(err.message);
    throw err;
  }
  if (json) {
    console.log(JSON.stringify({ runId, layers: result.nodes.map(({ nodeId, kind, shape, stats }) => ({ nodeId, kind, shape, ...stats })), prediction: result.prediction, notes: result.notes }, null, 2));
    return 0;
  }
  const { graph } = await loadTryRun(resolveDataDir(), runId); // already loaded: the worker's one-run cache
  for (const l of layerTableLines(result, graph)) console.log(l);
  for (const n of result.notes) console.error(`note: ${n}`);
  return 0;
}
