// Runs on disk: <dataDir>/runs/<runId>/run.json (a RunRecord), <dataDir>/runs/<runId>/model/ (the weights
// training ended with) and <dataDir>/runs/<runId>/best/ (the best epoch's weights).
// run.json is written to a temporary file and renamed, so a crash never leaves half a record.
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { BatchMetrics, RunRecord, RunSummary } from '../../shared/api';
import { writeFileAtomic, type AtomicFs } from '../files/atomic-write';
import { graphIdOf } from '../../shared/graph/identity';

export const RUN_FILE = 'run.json';
/** Batch history kept per run; beyond it the history is thinned (every other point dropped). */
export const MAX_BATCH_POINTS = 4000;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$/;

export function isRunId(id: string): boolean {
  return typeof id === 'string' && RUN_ID.test(id);
}

/** Sortable, file-name-safe, unique: run-20250101-120000-ab12cd. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

type BatchPoint = { step: number; metrics: BatchMetrics };

/**
 * A run's batch history, kept to at most `max` points at uniform resolution: when full, every other
 * point is dropped and from then on only every 2nd (4th, ...) incoming point is kept.
 * The newest point is always present, so the curve reaches the current step.
 */
export class BatchHistory<P = BatchPoint> {
  private stride = 1;
  private seen = 0;
  /** The newest point when the stride skipped it (shown as the last point until a kept one arrives). */
  private tail: P | null = null;

  constructor(
    private readonly points: P[] = [],
    private readonly max = MAX_BATCH_POINTS,
  ) {}

  add(point: P): void {
    if (this.tail) this.points.pop();
    this.tail = null;
    const keep = this.seen % this.stride === 0;
    this.seen++;
    this.points.push(point);
    if (!keep) {
      this.tail = point;
      return;
    }
    if (this.points.length > this.max) {
      let w = 0;
      for (let r = 0; r < this.points.length; r += 2) this.points[w++] = this.points[r];
      this.points.length = w;
      this.stride *= 2;
      this.seen = 1;
      if (this.points[w - 1] !== point) {
        this.points.push(point);
        this.tail = point;
      }
    }
  }

  /** The live array (the same one passed in), suitable for RunRecord.batches. */
  get list(): P[] {
    return this.points;
  }
}

export function summaryOf(run: RunRecord): RunSummary {
  const { id, name, status, startedAt, durationMs, backend, epochs, final, experimentId, engine, imported } = run;
  const graphId = graphIdOf(run.graph);
  return {
    id, name, status, startedAt, durationMs, backend, epochs, final,
    ...(experimentId ? { experimentId } : {}), ...(graphId ? { graphId } : {}), ...(engine ? { engine } : {}),
    ...(imported ? { imported } : {}),
  };
}

function isRunRecord(v: unknown): v is RunRecord {
  const r = v as RunRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.status === 'string' &&
    typeof r.startedAt === 'string' &&
    Array.isArray(r.batches) &&
    Array.isArray(r.epochsHistory) &&
    Array.isArray(r.log)
  );
}

export class RunStore {
  readonly root: string;
  /** Per-run write chains so two saves of one run never race on the rename. */
  private writes = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    /** The file-system calls of atomic writes; tests replace them to fill the disk. */
    private readonly atomicFs?: AtomicFs,
  ) {
    this.root = path.join(dataDir, 'runs');
  }

  private checkId(id: string): void {
    if (!isRunId(id)) throw new Error(`Invalid run id '${id}'`);
  }

  runDir(id: string): string {
    this.checkId(id);
    return path.join(this.root, id);
  }

  modelDir(id: string): string {
    return path.join(this.runDir(id), 'model');
  }

  bestModelDir(id: string): string {
    return path.join(this.runDir(id), 'best');
  }

  /** Writes run.json atomically; saves of the same run are applied in call order. */
  save(run: RunRecord): Promise<void> {
    const dir = this.runDir(run.id);
    const json = JSON.stringify(run);
    const previous = this.writes.get(run.id) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        await fs.mkdir(dir, { recursive: true });
        await writeFileAtomic(path.join(dir, RUN_FILE), json, this.atomicFs);
      });
    this.writes.set(run.id, next);
    void next.finally(() => {
      if (this.writes.get(run.id) === next) this.writes.delete(run.id);
    }).catch(() => {});
    return next;
  }

  /** The stored record, or null when there is none. Throws with the file's path when it is corrupt. */
  async get(id: string): Promise<RunRecord | null> {
    const file = path.join(this.runDir(id), RUN_FILE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (!isRunRecord(parsed)) throw new Error(`${file}: not a run record`);
    return parsed;
  }

  /** All readable runs, newest first; unreadable ones are reported through `onSkip` and left alone. */
  async list(onSkip: (id: string, why: string) => void = () => {}): Promise<RunRecord[]> {
    let ids: string[];
    try {
      ids = (await fs.readdir(this.root, { withFileTypes: true })).filter((d) => d.isDirectory() && isRunId(d.name)).map((d) => d.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const runs: RunRecord[] = [];
    for (const id of ids) {
      try {
        await this.writes.get(id);
        const run = await this.get(id);
        if (run) runs.push(run);
      } catch (err) {
        onSkip(id, (err as Error).message);
      }
    }
    return runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  }

  /** Removes the run's folder (record and weights). Returns false when there was none. */
  async delete(id: string): Promise<boolean> {
    const dir = this.runDir(id);
    await this.writes.get(id)?.catch(() => {});
    try {
      await fs.access(dir);
    } catch {
      return false;
    }
    await fs.rm(dir, { recursive: true, force: true });
    return true;
  }
}
