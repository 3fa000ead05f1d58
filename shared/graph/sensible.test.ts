import { describe, expect, it } from 'vitest';
import { SENSIBLE_LAYER_PARAMS, SENSIBLE_MAX, sensibleRangeQuestion, trainingSettingQuestion } from './sensible';
import { ALL_LAYERS } from '../layers';

const ask = (key: string, before: number, after: number, paramsAfter?: number, paramsBefore?: number) =>
  sensibleRangeQuestion({ label: 'Dense', key, paramLabel: 'Units', before, after, paramsAfter, paramsBefore });

describe('sensibleRangeQuestion', () => {
  it('asks above the usual range, not at or below it', () => {
    expect(ask('units', 64, 16_384)).toBeNull();
    expect(ask('units', 64, 20_000)).toMatch(/Units 20,000 is above the usual range \(up to 16,384\)/);
  });

  it('asks when one layer would exceed the parameter limit, naming the count (the 130M Dense)', () => {
    const q = ask('units', 1024, 165_000, 784 * 165_000 + 165_000, 803_840);
    expect(q).toContain('129,525,000 parameters');
    expect(ask('units', 100, 200, SENSIBLE_LAYER_PARAMS - 1)).toBeNull();
  });

  it('never asks when a value shrinks or stays, however large', () => {
    expect(ask('heads', 96, 96)).toBeNull();
    expect(ask('units', 50_257, 40_000, 600_000_000, 700_000_000)).toBeNull();
  });

  it("names numeric parameters that exist, each soft limit below some kind's hard limit (else it could never ask)", () => {
    for (const [key, soft] of Object.entries(SENSIBLE_MAX)) {
      const specs = ALL_LAYERS.map((d) => (d.params as Record<string, { type: string; min?: number; max?: number }>)[key]).filter(Boolean);
      expect(specs.length, key).toBeGreaterThan(0);
      for (const spec of specs) expect(['int', 'float'], key).toContain(spec.type);
      expect(Math.max(...specs.map((s) => s.max ?? Infinity)), key).toBeGreaterThan(soft);
    }
  });

  it('asks before raising a training setting above its usual range', () => {
    expect(trainingSettingQuestion('learningRate', 'Learning rate', 0.001, 0.1)).toBeNull();
    expect(trainingSettingQuestion('learningRate', 'Learning rate', 0.001, 5)).toMatch(/Learning rate 5 is above the usual range \(usual rates/);
    expect(trainingSettingQuestion('batchSize', 'Batch size', 128, 10_000)).toMatch(/Batch size 10,000/);
    expect(trainingSettingQuestion('epochs', 'Epochs', 5000, 2000)).toBeNull();
  });
});
