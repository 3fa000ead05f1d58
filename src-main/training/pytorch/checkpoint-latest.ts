// The latest/ weights of a PyTorch-engine run (what the Try and Look-inside views use while a run trains, as for a
// TensorFlow.js run, see ../latest-weights.ts). After the script's 'epoch' event, its checkpoint.npz is read, put
// into the tfjs model and written as latest/ by the same rule. The script never waits for LayerLab: by the time
// the file is read it may hold a later epoch than the event's, so latest/ is labelled with the epoch written
// inside the file (train-loop-py.ts, CHECKPOINT_EPOCH_KEY), never with the event's number. The script writes the
// file under a temporary name and renames it, so a read sees one epoch's complete weights.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeNpz, type NpyArray } from '../../export/npz';
import type { PytorchExport } from '../../export/pytorch/script';
import { CHECKPOINT_EPOCH_KEY } from '../../export/pytorch/train-loop-py';
import { loadTorchWeights } from '../../export/pytorch/weights';
import type { LatestWeightsWriter } from '../latest-weights';

/** The file the script rewrites at every epoch's end, before its 'epoch' event, in its checkpoint folder. */
export const EPOCH_CHECKPOINT = 'checkpoint.npz';

/** The 1-based epoch a checkpoint's weights are from, as the script wrote it inside the file. */
export function checkpointEpoch(state: Record<string, NpyArray>, where: string): number {
  const entry = state[CHECKPOINT_EPOCH_KEY];
  const epoch = entry?.data.length === 1 ? Number(entry.data[0]) : NaN;
  if (!Number.isInteger(epoch) || epoch < 1) throw new Error(`${where} does not say which epoch its weights are from (no valid '${CHECKPOINT_EPOCH_KEY}')`);
  return epoch;
}

export class TorchLatestWeights {
  private writes: Promise<void> = Promise.resolve();

  /** `writer` writes latest/ into the run's folder by its rule; `checkpoint` is the script's checkpoint.npz. */
  constructor(
    private readonly writer: LatestWeightsWriter,
    private readonly checkpoint: string,
    private readonly model: tf.LayersModel,
    private readonly exp: PytorchExport,
  ) {}

  /** Milliseconds each write took, the checkpoint's read and conversion included. */
  get costsMs(): readonly number[] {
    return this.writer.costsMs;
  }

  /** After an 'epoch' event: queues a write when one is due (one at a time; the script is never waited for). */
  epochEnded(): void {
    if (!this.writer.due()) return;
    this.writes = this.writes.then(() => this.writer.writeWhenDue(this.model, () => this.load()));
  }

  /** Resolves when no write is under way: call it before the model takes other weights. */
  settled(): Promise<void> {
    return this.writes;
  }

  /** The checkpoint's weights into the model; resolves with their epoch, or null when there is no checkpoint
   *  (a process that keeps none, as another machine's rank). */
  private async load(): Promise<number | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.checkpoint);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const where = path.basename(this.checkpoint);
    const state = decodeNpz(bytes, where);
    const epoch = checkpointEpoch(state, where);
    loadTorchWeights(tf, this.model, this.exp, state);
    return epoch;
  }
}
