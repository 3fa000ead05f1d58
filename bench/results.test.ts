import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReports, formatComparison, formatReport, median, percentile, readReport, saveReport, type BenchReport, type BenchRow } from './results';
import { parseRunArgs } from './run';

function report(rows: BenchRow[], startedAt = '2026-01-01T00:00:00.000Z'): BenchReport {
  return {
    format: 'layerlab-bench',
    version: 1,
    startedAt,
    durationS: 1,
    backend: { name: 'wasm', reason: 'test' },
    options: {},
    machine: { cpus: 2, cpuModel: 'x', totalMemGiB: 1, loadStart: 1, loadEnd: 1, platform: 'linux', node: 'v20' },
    rows,
  };
}

const row = (key: string, metrics: BenchRow['metrics']): BenchRow => ({ key, name: key, status: 'ok', metrics, cells: {} });

describe('bench statistics', () => {
  it('median and nearest-rank percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(ms, 95)).toBe(95);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(() => median([])).toThrow(/no values/);
  });
});

describe('bench reports', () => {
  it('compares metrics by direction: faster training and lower times are better, within 5 % is the same', () => {
    const a = report([row('train.mlp', { ours: { value: 400, unit: 'samples/s', better: 'higher' } }), row('infer.1000', { median: { value: 40, unit: 'ms', better: 'lower' } }), row('old', { x: { value: 1, unit: 'x', better: 'higher' } })]);
    const b = report([row('train.mlp', { ours: { value: 300, unit: 'samples/s', better: 'higher' } }), row('infer.1000', { median: { value: 20, unit: 'ms', better: 'lower' } }), row('new', { y: { value: 1, unit: 'x', better: 'higher' } })]);
    const { compared, onlyIn } = compareReports(a, b);
    expect(compared.map((c) => [c.key, c.ratio, c.verdict])).toEqual([
      ['train.mlp', 0.75, 'worse'],
      ['infer.1000', 0.5, 'better'],
    ]);
    expect(onlyIn).toEqual(['old.x only in A', 'new.y only in B']);
    const same = compareReports(a, report([row('train.mlp', { ours: { value: 410, unit: 'samples/s', better: 'higher' } })]));
    expect(same.compared[0].verdict).toBe('same');
    const text = formatComparison(a, b, 'a.json', 'b.json');
    expect(text).toMatch(/train\.mlp\.ours\s+\| 400 samples\/s\s+\| 300 samples\/s\s+\| 0\.750x\s+\| worse/);
    expect(text).toContain('only in A: old (x)\nonly in B: new (y)');
  });

  it('round-trips through JSON and rejects files that are not reports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
    const r = report([row('infer.1000', { median: { value: 12.5, unit: 'ms', better: 'lower' } })], '2026-02-03T04:05:06.789Z');
    const file = saveReport(r, dir);
    expect(path.basename(file)).toBe('2026-02-03T04-05-06-789Z.json');
    expect(readReport(file)).toEqual(r);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"rows": 1}');
    expect(() => readReport(bad)).toThrow(/bad\.json: not a LayerLab benchmark report/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the backend, the machine and a row per benchmark, skipped ones with their reason', () => {
    const text = formatReport(report([{ key: 'torch.mlp', name: 'PyTorch MLP', status: 'skipped', reason: 'no torch', metrics: {}, cells: { note: 'skipped: no torch' } }]));
    expect(text).toMatch(/backend: wasm/);
    expect(text).toMatch(/machine: 2 cores .* load 1\.00 at start/);
    expect(text).toMatch(/\| PyTorch MLP\s+\| -\s+\|.*\| skipped: no torch \|/);
  });
});

describe('npm run bench arguments', () => {
  it('defaults to wasm with every group, and reads --quick, --backend, --only', () => {
    const d = parseRunArgs([]);
    expect(d).toMatchObject({ backend: 'wasm', quick: false, only: ['train', 'engine', 'diag', 'infer', 'onnx', 'web', 'canvas', 'memory'] });
    expect(parseRunArgs(['--quick', '--backend', 'cpu', '--only', 'infer,web'])).toMatchObject({ backend: 'cpu', quick: true, only: ['infer', 'web'] });
  });

  it('runs the full-scale templates only when asked, optionally a few of them', () => {
    expect((parseRunArgs([]) as { only: string[] }).only).not.toContain('templates');
    expect(parseRunArgs(['--only', 'templates', '--templates', 'mlp-mnist, char-gpt'])).toMatchObject({ only: ['templates'], templates: ['mlp-mnist', 'char-gpt'] });
  });

  it('names the bad argument', () => {
    expect(() => parseRunArgs(['--backend', 'tensorflow'])).toThrow(/--backend must be wasm or cpu, got 'tensorflow'/);
    expect(() => parseRunArgs(['--only', 'train,gpu'])).toThrow(/unknown group gpu/);
    expect(() => parseRunArgs(['--fast'])).toThrow(/Unknown argument '--fast'/);
    expect(() => parseRunArgs(['--out'])).toThrow(/--out needs a value/);
  });
});
