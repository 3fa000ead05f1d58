import { describe, expect, it } from 'vitest';
import { MIGRATIONS, MigrationError, migrateGraph, type MigrationStep } from './migrate';
import { GRAPH_VERSION } from './types';

describe('migrateGraph', () => {
  it('leaves a current file alone', () => {
    const raw = { format: 'layerlab-graph', version: GRAPH_VERSION, nodes: [] };
    expect(migrateGraph(raw)).toBe(raw);
    expect(MIGRATIONS.every((s) => s.to === s.from + 1)).toBe(true);
  });

  it('applies the table step by step without touching the input', () => {
    const steps: MigrationStep[] = [
      { from: 2, to: 3, describe: 'rename units', up: (r) => ({ ...r, units: r.size, size: undefined }) },
      { from: 1, to: 2, describe: 'add size', up: (r) => ({ ...r, size: 4 }) },
    ];
    const raw = { version: 1 };
    expect(migrateGraph(raw, steps, 3)).toEqual({ version: 3, size: undefined, units: 4 });
    expect(raw).toEqual({ version: 1 });
  });

  it('says when a version has no upgrade path', () => {
    expect(() => migrateGraph({ version: 1 }, [], 2)).toThrow(MigrationError);
    expect(() => migrateGraph({ version: 1 }, [], 2)).toThrow(/graph version 1 is no longer supported/);
  });
});
