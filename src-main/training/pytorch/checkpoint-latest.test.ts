// The PyTorch engine's latest/ weights when the script runs ahead of LayerLab: the script rewrites checkpoint.npz
// at every epoch's end and never waits, so when LayerLab gets to an epoch's event the file may already hold a later
// epoch. latest/ must be labelled with the epoch whose weights it really holds: its predictions must equal that
// epoch's weights' within 1e-4. Checkpoints here are written as the script writes them (state_dict names, the epoch
// inside, temporary name then rename), each epoch with its own random weights, so a wrong label cannot pass.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../engine/compile';
import { prepareEngine } from '../../engine/setup';
import { encodeNpz } from '../../export/npz';
import { generatePytorchScript, type PytorchExport } from '../../export/pytorch/script';
import { CHECKPOINT_EPOCH_KEY } from '../../export/pytorch/train-loop-py';
import { pytorchWeightArrays } from '../../export/pytorch/weights';
import { lineSplitter } from '../../web/lines';
import { findLatestWeights, LatestWeightsWriter, MIN_INTERVAL_MS } from '../latest-weights';
import { loadModelFromFolder } from '../model-files';
import { loadMnist, mlpGraph } from '../testing/fixtures';
import { EPOCH_CHECKPOINT, TorchLatestWeights } from './checkpoint-latest';

const EPOCHS = 40;
const graph = mlpGraph({ hidden: 8, limit: 100 });
let tmp: string;
let exp: PytorchExport;
let newModel: () => tf.LayersModel;
let input: tf.Tensor;
/** Per epoch (1-based): the checkpoint file's bytes as the script writes them, and what its weights predict. */
const checkpoints: Buffer[] = [];
const predictions: Float32Array[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-torch-latest-'));
  const { shapes } = await loadMnist(100);
  exp = generatePytorchScript(graph, shapes);
  newModel = () => buildModel(graph, tf, shapes).model;
  input = tf.randomUniform([4, 784], 0, 1, 'float32', 11);
  const model = newModel();
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    model.weights.forEach((w, i) => w.write(tf.randomNormal(w.shape as number[], 0, 0.5, 'float32', epoch * 100 + i)));
    const arrays = { ...pytorchWeightArrays(model, exp), [CHECKPOINT_EPOCH_KEY]: { data: Int32Array.of(epoch), shape: [1] } };
    checkpoints[epoch] = encodeNpz(arrays, { compress: false });
    predictions[epoch] = tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
  }
  model.dispose();
});
afterAll(async () => {
  input.dispose();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A run folder with an empty checkpoint folder, as the engine lays it out. */
async function runFolder(name: string): Promise<{ runDir: string; checkpoint: string }> {
  const runDir = path.join(tmp, name);
  await fs.mkdir(path.join(runDir, 'pytorch', 'checkpoints'), { recursive: true });
  return { runDir, checkpoint: path.join(runDir, 'pytorch', 'checkpoints', EPOCH_CHECKPOINT) };
}

/** As the script's save_weights_atomic: a temporary name, then one rename. */
async function writeCheckpoint(file: string, bytes: Buffer): Promise<void> {
  await fs.writeFile(`${file}.tmp`, bytes);
  await fs.rename(`${file}.tmp`, file);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);
}

/** latest/'s label, and how far its predictions are from those of the weights of the epoch it is labelled with. */
async function latestOf(runDir: string): Promise<{ epoch: number; diff: number; diffFromEpoch: (e: number) => number }> {
  const latest = await findLatestWeights(runDir);
  expect(latest, 'latest/ was written').not.toBeNull();
  const model = await loadModelFromFolder(latest!.dir, tf);
  const out = tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
  model.dispose();
  return { epoch: latest!.epoch, diff: maxDiff(out, predictions[latest!.epoch]), diffFromEpoch: (e) => maxDiff(out, predictions[e]) };
}

describe('latest/ of a PyTorch run is labelled with the epoch inside the checkpoint', () => {
  it('a reader that gets to epoch 1 after the script wrote epoch 3 labels the weights epoch 3', async () => {
    const { runDir, checkpoint } = await runFolder('behind');
    const warnings: string[] = [];
    const model = newModel();
    const latest = new TorchLatestWeights(new LatestWeightsWriter(runDir, (m) => warnings.push(m)), checkpoint, model, exp);
    for (const epoch of [1, 2, 3]) await writeCheckpoint(checkpoint, checkpoints[epoch]);
    latest.epochEnded(); // epoch 1's event, handled only now
    await latest.settled();
    model.dispose();
    const seen = await latestOf(runDir);
    expect(warnings).toEqual([]);
    expect(seen.epoch).toBe(3);
    expect(seen.diff).toBeLessThan(1e-4);
    expect(seen.diffFromEpoch(1)).toBeGreaterThan(1e-2); // the epochs' weights really differ: a wrong label would show
  });

  it('a script that writes epochs at full speed and a slow reader: every write is labelled with its weights', async () => {
    const { runDir, checkpoint } = await runFolder('race');
    for (let epoch = 1; epoch <= EPOCHS; epoch++) await fs.writeFile(path.join(tmp, `epoch-${epoch}.npz`), checkpoints[epoch]);
    // The stand-in script: each epoch's checkpoint written as the script writes it, then its event line, an epoch
    // every 10 ms (a write of latest/ takes longer): it never waits for the reader.
    const writer = `const fs = require('node:fs'); const path = require('node:path');
      const [src, file, n] = process.argv.slice(1);
      const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      for (let e = 1; e <= Number(n); e++) {
        fs.copyFileSync(path.join(src, 'epoch-' + e + '.npz'), file + '.tmp');
        fs.renameSync(file + '.tmp', file);
        process.stdout.write('epoch ' + e + '\\n');
        sleep(10);
      }`;
    const warnings: string[] = [];
    const model = newModel();
    const predict = () => tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
    // Every epoch's write is due (not only one per interval), so writes queue up behind the script; each one is
    // checked as it is written: the label it gets against the weights the model holds at that moment.
    const writes: { event: number; epoch: number; diff: number }[] = [];
    let linesSeen = 0;
    const until = async (ready: () => boolean) => {
      while (!ready()) await new Promise((r) => setTimeout(r, 5));
    };
    const everyEpoch = new (class extends LatestWeightsWriter {
      override due(): boolean {
        return true;
      }
      override writeWhenDue(m: tf.LayersModel, load: () => Promise<number | null>): Promise<void> {
        const event = writes.length + 1; // one call per event, in order
        return super.writeWhenDue(m, async () => {
          // The first read waits until the script has written epoch 2, so the race happens on any machine load.
          if (event === 1) await until(() => linesSeen >= 2);
          const epoch = await load();
          if (epoch !== null) writes.push({ event, epoch, diff: maxDiff(predict(), predictions[epoch]) });
          return epoch;
        });
      }
    })(runDir, (m) => warnings.push(m));
    const latest = new TorchLatestWeights(everyEpoch, checkpoint, model, exp);
    const child = spawn(process.execPath, ['-e', writer, tmp, checkpoint, String(EPOCHS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', lineSplitter(() => {
      linesSeen++;
      latest.epochEnded();
    }));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    await latest.settled();
    model.dispose();
    expect(warnings).toEqual([]);
    const seenText = writes.map((w) => `event ${w.event} -> epoch ${w.epoch}`).join(', ');
    expect(writes, seenText).toHaveLength(EPOCHS);
    for (const w of writes) expect(w.diff, `event ${w.event}: labelled epoch ${w.epoch}`).toBeLessThan(1e-4);
    // The race really happened (else this test proves nothing): some write found a later epoch than its event's.
    expect(writes.some((w) => w.epoch > w.event), `the reader never fell behind: ${seenText}`).toBe(true);
    const seen = await latestOf(runDir); // and on disk: the last write, as the Try loader finds it
    expect(seen.epoch).toBe(EPOCHS);
    expect(seen.diff).toBeLessThan(1e-4);
  });

  it('no checkpoint yet writes nothing and warns of nothing; a checkpoint without its epoch is refused once, with a warning', async () => {
    const { runDir, checkpoint } = await runFolder('odd');
    const warnings: string[] = [];
    const model = newModel();
    let clock = 0;
    const writer = new LatestWeightsWriter(runDir, (m) => warnings.push(m), () => clock);
    const latest = new TorchLatestWeights(writer, checkpoint, model, exp);
    latest.epochEnded();
    await latest.settled();
    expect(await findLatestWeights(runDir)).toBeNull();
    expect(warnings).toEqual([]);

    await writeCheckpoint(checkpoint, encodeNpz(pytorchWeightArrays(model, exp))); // a state_dict alone
    clock += MIN_INTERVAL_MS;
    latest.epochEnded();
    await latest.settled();
    expect(await findLatestWeights(runDir)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/checkpoint\.npz does not say which epoch its weights are from/);

    await writeCheckpoint(checkpoint, checkpoints[2]); // the writes stay off for this run: the final weights still come
    clock += MIN_INTERVAL_MS;
    latest.epochEnded();
    await latest.settled();
    model.dispose();
    expect(await findLatestWeights(runDir)).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
