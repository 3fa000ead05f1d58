// Upgrades graph files saved by older LayerLab versions, one version step at a time.
// To change the file format: bump GRAPH_VERSION in types.ts and add a step { from: old, to: old + 1 } here.
import { GRAPH_VERSION } from './types';

export type RawGraph = Record<string, unknown>;

export interface MigrationStep {
  from: number;
  to: number;
  /** What changed, for release notes and error messages. */
  describe: string;
  /** Returns the upgraded object; must not mutate its argument. */
  up(raw: RawGraph): RawGraph;
}

/** Version 1 is the first and current format, so there is nothing to upgrade yet. */
export const MIGRATIONS: readonly MigrationStep[] = [];

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Applies steps until `raw.version` reaches `target`. The caller has already checked that `version` is an
 * integer no newer than `target`. Returns `raw` itself when it is already current.
 */
export function migrateGraph(raw: RawGraph, steps: readonly MigrationStep[] = MIGRATIONS, target: number = GRAPH_VERSION): RawGraph {
  let current = raw;
  let version = current.version as number;
  while (version < target) {
    const step = steps.find((s) => s.from === version);
    if (!step) throw new MigrationError(`graph version ${version} is no longer supported (no upgrade from it to version ${version + 1})`);
    if (step.to !== version + 1) throw new MigrationError(`bad migration table: step from ${step.from} goes to ${step.to}`);
    current = { ...step.up(current), version: step.to };
    version = step.to;
  }
  return current;
}
