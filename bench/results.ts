// The benchmark report: rows with named metrics, printed as a table and saved as JSON so two runs can be
// compared metric by metric (bench/compare.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Metric {
  value: number;
  unit: string;
  /** Which direction is an improvement, for the comparison. */
  better: 'higher' | 'lower';
}

export interface BenchRow {
  /** Stable id across runs, e.g. 'train.mlp'. */
  key: string;
  name: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or what failed. */
  reason?: string;
  metrics: Record<string, Metric>;
  /** The table's cells: the main result, what it was compared with, their ratio, and a short note. */
  cells: { result?: string; reference?: string; ratio?: string; note?: string };
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemGiB: number;
  /** 1-minute load average at the start and at the end of the run. */
  loadStart: number;
  loadEnd: number;
  platform: string;
  node: string;
}

/** A table of its own for rows with more columns than the main table has (e.g. training speed). */
export interface ReportSection {
  title: string;
  header: string[];
  lines: string[][];
  notes: string[];
  /** The rows this section shows: the main table leaves them out. */
  rowKeys: string[];
}

export interface BenchReport {
  format: 'layerlab-bench';
  version: 1;
  startedAt: string;
  durationS: number;
  backend: { name: string; reason: string };
  options: Record<string, unknown>;
  machine: Machine;
  rows: BenchRow[];
  sections?: ReportSection[];
}

export function machineNow(loadStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadStart,
    loadEnd: os.loadavg()[0],
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export function skippedRow(key: string, name: string, reason: string): BenchRow {
  return { key, name, status: 'skipped', reason, metrics: {}, cells: { note: `skipped: ${reason}` } };
}

export function failedRow(key: string, name: string, err: unknown): BenchRow {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { key, name, status: 'failed', reason, metrics: {}, cells: { note: `FAILED: ${reason}` } };
}

/** Thousands separators for big numbers, 3 significant digits for small ones. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}

export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const head = [
    `LayerLab benchmark  ${report.startedAt}  (${report.durationS.toFixed(0)} s)`,
    `backend: ${report.backend.name} (${report.backend.reason})`,
    `machine: ${m.cpus} cores (${m.cpuModel}), ${m.totalMemGiB} GiB, load ${m.loadStart.toFixed(2)} at start / ${m.loadEnd.toFixed(2)} at end, ${m.platform}, node ${m.node}`,
  ];
  const inSections = new Set((report.sections ?? []).flatMap((s) => s.rowKeys));
  const sections = (report.sections ?? []).map((s) => [s.title, table(s.header, s.lines), ...s.notes].join('\n'));
  const rest = report.rows.filter((r) => !inSections.has(r.key));
  const lines = rest.map((r) => [r.name, r.cells.result ?? '-', r.cells.reference ?? '', r.cells.ratio ?? '', r.cells.note ?? '']);
  const main = lines.length ? [table(['Benchmark', 'Result', 'Compared with', 'Ratio', 'Notes'], lines)] : [];
  return [head.join('\n'), ...sections, ...main].join('\n\n');
}

/** bench/results/<timestamp>.json; the folder is gitignored. */
export function saveReport(report: BenchReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

export function readReport(file: string): BenchReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read a benchmark report (${err instanceof Error ? err.message : String(err)})`);
  }
  const r = parsed as Partial<BenchReport>;
  if (r?.format !== 'layerlab-bench' || !Array.isArray(r.rows)) throw new Error(`${file}: not a LayerLab benchmark report (format 'layerlab-bench' expected)`);
  return r as BenchReport;
}

export interface MetricComparison {
  key: string;
  metric: string;
  unit: string;
  a: number;
  b: number;
  /** b / a. */
  ratio: number;
  verdict: 'better' | 'worse' | 'same';
}

/** Every metric present in both reports; within +-5 % counts as the same (noise on a shared machine). */
export function compareReports(a: BenchReport, b: BenchReport, tolerance = 0.05): { compared: MetricComparison[]; onlyIn: string[] } {
  const compared: MetricComparison[] = [];
  const onlyIn: string[] = [];
  const bRows = new Map(b.rows.map((r) => [r.key, r]));
  for (const ra of a.rows) {
    const rb = bRows.get(ra.key);
    for (const [metric, ma] of Object.entries(ra.metrics)) {
      const mb = rb?.metrics[metric];
      if (!mb) {
        onlyIn.push(`${ra.key}.${metric} only in A`);
        continue;
      }
      const ratio = mb.value / ma.value;
      const gain = ma.better === 'higher' ? ratio : 1 / ratio;
      const verdict = Math.abs(gain - 1) <= tolerance ? 'same' : gain > 1 ? 'better' : 'worse';
      compared.push({ key: ra.key, metric, unit: ma.unit, a: ma.value, b: mb.value, ratio, verdict });
    }
  }
  const aKeys = new Set(a.rows.flatMap((r) => Object.keys(r.metrics).map((m) => `${r.key}.${m}`)));
  for (const rb of b.rows) for (const m of Object.keys(rb.metrics)) if (!aKeys.has(`${rb.key}.${m}`)) onlyIn.push(`${rb.key}.${m} only in B`);
  return { compared, onlyIn };
}

export function formatComparison(a: BenchReport, b: BenchReport, fileA: string, fileB: string): string {
  const { compared, onlyIn } = compareReports(a, b);
  const head = [
    `A: ${fileA}  (${a.startedAt}, backend ${a.backend.name}, load ${a.machine.loadStart.toFixed(2)})`,
    `B: ${fileB}  (${b.startedAt}, backend ${b.backend.name}, load ${b.machine.loadStart.toFixed(2)})`,
  ];
  if (a.backend.name !== b.backend.name) head.push(`note: different backends, training numbers are not comparable`);
  const lines = compared.map((c) => [`${c.key}.${c.metric}`, `${fmt(c.a)} ${c.unit}`, `${fmt(c.b)} ${c.unit}`, `${c.ratio.toFixed(3)}x`, c.verdict]);
  const body = table(['Metric', 'A', 'B', 'B/A', 'B is'], lines);
  const grouped = (side: 'A' | 'B') => {
    const byRow = new Map<string, string[]>();
    for (const line of onlyIn.filter((l) => l.endsWith(`only in ${side}`))) {
      const id = line.slice(0, -` only in ${side}`.length);
      const dot = id.lastIndexOf('.');
      byRow.set(id.slice(0, dot), [...(byRow.get(id.slice(0, dot)) ?? []), id.slice(dot + 1)]);
    }
    return byRow.size ? [`only in ${side}: ${[...byRow].map(([k, ms]) => `${k} (${ms.join(', ')})`).join('; ')}`] : [];
  };
  const extra = [...grouped('A'), ...grouped('B')];
  return [...head, '', body, ...(extra.length ? ['', ...extra] : [])].join('\n');
}
