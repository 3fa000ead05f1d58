// Graph file versions. GRAPH_VERSION has been 1 since the first commit and MIGRATIONS is empty: no older format
// exists, so there is no version-0 file to upgrade (and validate refuses version 0). What can be tested now:
// - a file frozen in the version 1 format (testdata/graph-v1.layerlab.json, written once and never regenerated)
//   opens through the real loader and table with nothing lost; when the format changes, this is the old file the
//   new migration step must upgrade, and the expectation below becomes what that step produces;
// - the table walk itself, on made-up tables.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationError, migrateGraph, type MigrationStep } from './migrate';
import { parseGraphFile, serializeGraph } from './validate';
import { GRAPH_VERSION } from './types';

const V1_FILE = path.join(__dirname, 'testdata/graph-v1.layerlab.json');

describe('a file saved in the version 1 format', () => {
  const text = readFileSync(V1_FILE, 'utf8');
  const saved = JSON.parse(text) as Record<string, unknown>;

  it('is a version 1 file that uses every optional field of the format', () => {
    expect(saved.version).toBe(1);
    expect(Object.keys(saved)).toEqual(['format', 'version', 'name', 'description', 'nodes', 'edges', 'dataset', 'training', 'extras']);
    expect(Object.keys(saved.training as object)).toEqual(expect.arrayContaining(['momentum', 'seed', 'lrSchedule', 'earlyStopping', 'gradientClip', 'weightDecay']));
    expect((saved.dataset as { options?: unknown }).options).toBeDefined();
    expect((saved.nodes as { label?: string }[]).some((n) => n.label)).toBe(true);
    expect((saved.edges as { sourceHandle: string }[]).map((e) => e.sourceHandle)).toEqual(expect.arrayContaining(['h', 'c']));
  });

  it('opens through the loader and its migrations with every field kept', () => {
    const opened = parseGraphFile(text);
    expect(opened.version).toBe(GRAPH_VERSION);
    // Key for key what the file holds (a migration that changes the format changes this expectation with it).
    expect(JSON.parse(serializeGraph(opened))).toEqual({ ...saved, version: GRAPH_VERSION });
  });
});

describe('migrateGraph walks a table of steps', () => {
  it('leaves a current file alone (the same object)', () => {
    const raw = { format: 'layerlab-graph', version: GRAPH_VERSION, nodes: [] };
    expect(migrateGraph(raw)).toBe(raw);
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

  it('says when a version has no upgrade path, or a step skips a version', () => {
    expect(() => migrateGraph({ version: 1 }, [], 2)).toThrow(MigrationError);
    expect(() => migrateGraph({ version: 1 }, [], 2)).toThrow(/graph version 1 is no longer supported/);
    expect(() => migrateGraph({ version: 1 }, [{ from: 1, to: 3, describe: 'skips', up: (r) => r }], 3)).toThrow(/step from 1 goes to 3/);
  });
});
