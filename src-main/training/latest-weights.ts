// The weights of a run still training, for the Try panel: <run>/latest/ (model.json + weights.bin + epoch.json).
// Written whole into a temporary folder, then swapped in by renames, so a reader sees one epoch's complete files:
// latest/ -> latest.old/, latest.tmp/ -> latest/, then latest.old/ goes. A reader that lands between the two
// renames finds latest.old/ (the previous complete epoch). The optimizer's state is left out (trying needs none).
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { folderSaveHandler, MODEL_JSON } from './model-files';
import { writeFileAtomic } from '../files/atomic-write';

export const LATEST_DIR = 'latest';
const OLD_DIR = 'latest.old';
const TEMP_DIR = 'latest.tmp';
const EPOCH_JSON = 'epoch.json';

/** The rule that keeps tiny epochs fast: the first epoch's weights are always written (a running run can be
 *  tried as soon as it has any); after that an epoch's weights are written only when at least
 *  max(MIN_INTERVAL_MS, COST_FACTOR x the last write's time) has passed since the last write. Epochs longer than
 *  that get every epoch written; shorter ones at most one write per interval, so writing costs at most
 *  1/COST_FACTOR (2%) of training time once past epoch 1. */
export const MIN_INTERVAL_MS = 2_000;
const COST_FACTOR = 50;

export function latestWriteDue(msSinceLastWrite: number, lastWriteMs: number): boolean {
  return msSinceLastWrite >= Math.max(MIN_INTERVAL_MS, COST_FACTOR * lastWriteMs);
}

export class LatestWeightsWriter {
  private lastEnd = -Infinity;
  private lastCostMs = 0;
  private failed = false;
  /** Milliseconds each write took (the bench and tests read them). */
  readonly costsMs: number[] = [];

  constructor(
    private readonly runDir: string,
    private readonly onFailure: (message: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether the weights after this epoch are due by the rule above. */
  due(): boolean {
    if (this.failed) return false;
    return latestWriteDue(this.now() - this.lastEnd, this.lastCostMs);
  }

  /** Writes `model`'s weights as those of `epoch` (1-based) when due. A failure is reported once and ends the
   *  writes for the run (never the run itself: the final weights are still saved to model/). */
  async afterEpoch(model: tfTypes.LayersModel, epoch: number): Promise<void> {
    return this.writeWhenDue(model, async () => epoch);
  }

  /** As afterEpoch, for weights that come from elsewhere (the PyTorch engine's checkpoint): `load` puts them into
   *  `model` and resolves with the 1-based epoch they are from, the label written with them (null: nothing to
   *  write yet). Its time counts as the write's. */
  async writeWhenDue(model: tfTypes.LayersModel, load: () => Promise<number | null>): Promise<void> {
    if (!this.due()) return;
    const start = this.now();
    try {
      const epoch = await load();
      if (epoch === null) return;
      await writeLatestWeights(model, this.runDir, epoch);
    } catch (err) {
      this.failed = true;
      this.onFailure(`The weights of the running epochs are not saved for trying (${err instanceof Error ? err.message : String(err)}); the final weights are saved when training ends.`);
      return;
    }
    this.lastEnd = this.now();
    this.lastCostMs = this.lastEnd - start;
    this.costsMs.push(this.lastCostMs);
  }
}

export async function writeLatestWeights(model: tfTypes.LayersModel, runDir: string, epoch: number): Promise<void> {
  const temp = path.join(runDir, TEMP_DIR);
  const latest = path.join(runDir, LATEST_DIR);
  const old = path.join(runDir, OLD_DIR);
  await fs.rm(temp, { recursive: true, force: true });
  await model.save(folderSaveHandler(temp), { includeOptimizer: false });
  await writeFileAtomic(path.join(temp, EPOCH_JSON), JSON.stringify({ epoch }));
  await fs.rm(old, { recursive: true, force: true });
  await fs.rename(latest, old).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await fs.rename(temp, latest);
  await fs.rm(old, { recursive: true, force: true });
}

/** Removes latest/ (and any leftover of a write): once model/ is saved, it only doubles the disk used. */
export async function removeLatestWeights(runDir: string): Promise<void> {
  for (const dir of [LATEST_DIR, OLD_DIR, TEMP_DIR]) await fs.rm(path.join(runDir, dir), { recursive: true, force: true });
}

export interface LatestWeights {
  dir: string;
  /** 1-based epoch the weights were saved after. */
  epoch: number;
  /** model.json's modification time: changes with every write. */
  mtimeMs: number;
}

/** The newest complete latest weights of a run, or null when none were written (yet). */
export async function findLatestWeights(runDir: string): Promise<LatestWeights | null> {
  for (const name of [LATEST_DIR, OLD_DIR]) {
    const dir = path.join(runDir, name);
    try {
      const { epoch } = JSON.parse(await fs.readFile(path.join(dir, EPOCH_JSON), 'utf8')) as { epoch: unknown };
      const { mtimeMs } = await fs.stat(path.join(dir, MODEL_JSON));
      if (typeof epoch === 'number' && Number.isInteger(epoch) && epoch >= 1) return { dir, epoch, mtimeMs };
    } catch {
      // Not there (not written yet, or mid-swap): try the next one.
    }
  }
  return null;
}
