import { describe, expect, it } from 'vitest';
import { FAMILIES, familiesByKey } from './families';
import { formatReport, type BenchReport } from './results';
import { familyRow, familySamples, trainingSection, type FamilyResult } from './training';
import { parseRunArgs } from './run';

const mlp = FAMILIES.find((f) => f.key === 'mlp')!;
const run = (samplesPerSec: number, loss = 0.5) => ({ samplesPerSec, epochs: 2, loss, backend: 'wasm' });

describe('training-speed rows', () => {
  it('sizes each family in whole batches', () => {
    expect(familySamples(mlp, 1)).toBe(mlp.samples);
    expect(familySamples({ ...mlp, samples: 1000 }, 0.5)).toBe(512);
    expect(familySamples({ ...mlp, samples: 100 }, 0.1)).toBe(128);
    expect(() => familiesByKey(['mlp', 'rnn'])).toThrow(/unknown family rnn/);
  });

  it('takes ratios within each round, then the median over rounds', () => {
    const r: FamilyResult = {
      family: mlp,
      samples: 2048,
      runs: {
        layerlab: [run(100), run(200), run(150)],
        stock: [run(10), run(40), run(15)],
        torch1: [run(400), run(400), run(1000)],
      },
    };
    const row = familyRow(r, null);
    expect(row.metrics.layerlab.value).toBe(150);
    expect(row.metrics.pytorch1.value).toBe(400);
    // rounds: 100/400, 200/400, 150/1000 -> median 0.25 (not 150/400 = 0.375 from the medians)
    expect(row.metrics.overPytorch1.value).toBe(0.25);
    expect(row.metrics.kernelSpeedup.value).toBe(10); // 10, 5, 10
    expect(row.metrics.plainFit).toBeUndefined();
  });

  it('prints one line per family in its own table and leaves those rows out of the main table', () => {
    const r: FamilyResult = { family: mlp, samples: 2048, runs: { layerlab: [run(1200)], plain: [run(1100)], torch1: [run(4000)], torch2: [run(5000)] } };
    const rows = [familyRow(r, null), { key: 'train.cnn', name: 'Train CNN', status: 'failed' as const, reason: 'boom', metrics: {}, cells: { note: 'FAILED: boom' } }];
    const section = trainingSection(rows, 'torch 1.13, OpenBLAS', 1);
    expect(section.rowKeys).toEqual(['train.mlp']);
    expect(section.lines).toEqual([['MLP 784-1024-512-512-10', '1,200', '-', '-', '1,100', '1.09x', '4,000', '0.30x', '5,000', '0.24x']]);
    const report: BenchReport = {
      format: 'layerlab-bench',
      version: 1,
      startedAt: 'now',
      durationS: 1,
      backend: { name: 'wasm', reason: 'test' },
      options: {},
      machine: { cpus: 2, cpuModel: 'x', totalMemGiB: 1, loadStart: 1, loadEnd: 2, platform: 'linux', node: 'v20' },
      rows,
      sections: [section],
    };
    const text = formatReport(report);
    expect(text).toContain('| MLP 784-1024-512-512-10 | 1,200');
    expect(text).toContain('PyTorch: torch 1.13, OpenBLAS');
    expect(text).toMatch(/\| Train CNN\s+\| -\s+\|.*FAILED: boom/);
    expect(text.match(/MLP 784/g)).toHaveLength(1); // in the training table, not again in the main table
    expect(text).toContain('mlp: 2048 samples, batch 128, Adam, 1 round(s); last loss LayerLab 0.500, PyTorch 0.500');
  });

  it('parses --families and --rounds', () => {
    expect(parseRunArgs(['--only', 'train', '--families', 'mlp, lstm', '--rounds', '3'])).toMatchObject({ only: ['train'], families: ['mlp', 'lstm'], rounds: 3 });
    expect(() => parseRunArgs(['--families', 'mlp,rnn'])).toThrow(/unknown family rnn/);
    expect(() => parseRunArgs(['--rounds', '0'])).toThrow(/--rounds must be a whole number >= 1/);
  });
});
