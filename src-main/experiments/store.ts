// Experiment records on disk: <dataDir>/experiments/<id>.json, written atomically (temp file, fsync, rename).
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExperimentRecord } from '../../shared/experiments/types';
import { writeFileAtomic } from '../files/atomic-write';

const ID = /^exp-[A-Za-z0-9_-]{1,100}$/;

export function isExperimentId(id: string): boolean {
  return ID.test(id);
}

export function newExperimentId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '');
  return `exp-${stamp}-${randomBytes(3).toString('hex')}`;
}

export class ExperimentStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'experiments');
  }

  private file(id: string): string {
    if (!isExperimentId(id)) throw new Error(`Invalid experiment id '${id.slice(0, 60)}'`);
    return path.join(this.dir, `${id}.json`);
  }

  async save(record: ExperimentRecord): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.file(record.id), JSON.stringify(record));
  }

  async get(id: string): Promise<ExperimentRecord | null> {
    try {
      return JSON.parse(await fs.readFile(this.file(id), 'utf8')) as ExperimentRecord;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async list(): Promise<ExperimentRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: ExperimentRecord[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        out.push(JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8')) as ExperimentRecord);
      } catch (err) {
        console.warn(`Skipping experiment file ${name}: ${(err as Error).message}`);
      }
    }
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }
}
