// Samples/s of LayerLab's fit loop (src-main/training/fit-loop.ts) against a plain model.fit on the
// same model, the same real MNIST digits and the same backend. Usage:
//   tsx bench/trainer-vs-fit.ts [--backend auto|wasm|cpu] [--hidden 1024,512,512] [--samples 1024] [--epochs 1] [--rounds 4]
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../shared/graph/types';
import type { BackendInfo } from '../shared/api';
import { initBackend } from '../src-main/engine/backend';
import { fitModel, type FitData } from '../src-main/training/fit-loop';
import { TrainControl } from '../src-main/training/control';
import { fitDataOf, loadMnist, mlp } from '../src-main/training/testing/fixtures';

export interface TrainerBenchOptions {
  backend: BackendChoice;
  hidden: number[];
  samples: number;
  epochs: number;
  batchSize: number;
  /** Alternations of `epochs` epochs of each (A B A B ...), to even out a busy machine. */
  rounds: number;
}

export interface TrainerBenchResult {
  backend: string;
  model: string;
  plainFit: number;
  ourLoop: number;
  ratio: number;
}

/** One model to race: fresh compiled copies come from `makeModel`, both train on `data` (one input, one output). */
export interface LoopVsFitCase {
  model: string;
  data: FitData;
  makeModel: () => tf.LayersModel;
}

export interface LoopVsFitOptions {
  backend: BackendInfo;
  epochs: number;
  batchSize: number;
  rounds: number;
}

const DEFAULTS: TrainerBenchOptions = { backend: 'auto', hidden: [1024, 512, 512], samples: 1024, epochs: 1, batchSize: 128, rounds: 4 };

/**
 * Trains two fresh copies of the model, one with plain model.fit and one with LayerLab's fitModel, after one
 * warm-up epoch each, alternating A B A B so load from other processes hits both alike. Samples/s of each.
 */
export async function benchLoopVsFit(c: LoopVsFitCase, o: LoopVsFitOptions): Promise<TrainerBenchResult> {
  const train = c.data.train;
  if (train.xs.length !== 1 || train.ys.length !== 1) throw new Error(`${c.model}: the benchmark takes one input and one output`);
  const x = tf.tensor(train.xs[0].data, train.xs[0].shape);
  const y = tf.tensor(train.ys[0].data, train.ys[0].shape);
  const plainModel = c.makeModel();
  const ourModel = c.makeModel();
  try {
    const plainEpochs = (epochs: number) => plainModel.fit(x, y, { epochs, batchSize: o.batchSize, shuffle: true, verbose: 0 });
    const ourEpochs = async (epochs: number) => {
      const outcome = await fitModel(tf, ourModel, c.data, { epochs, batchSize: o.batchSize, backend: o.backend }, () => {}, new TrainControl());
      if (outcome.status !== 'completed') throw new Error(`${c.model}: fit loop ${outcome.status}${outcome.status === 'failed' ? `: ${outcome.error}` : ''}`);
    };
    await plainEpochs(1);
    await ourEpochs(1);
    let plainMs = 0;
    let ourMs = 0;
    for (let r = 0; r < o.rounds; r++) {
      let t0 = performance.now();
      await plainEpochs(o.epochs);
      plainMs += performance.now() - t0;
      t0 = performance.now();
      await ourEpochs(o.epochs);
      ourMs += performance.now() - t0;
    }
    const total = train.size * o.epochs * o.rounds * 1000;
    const plainFit = total / plainMs;
    const ourLoop = total / ourMs;
    return { backend: o.backend.name, model: c.model, plainFit, ourLoop, ratio: ourLoop / plainFit };
  } finally {
    tf.dispose([x, y]);
    plainModel.dispose();
    ourModel.dispose();
  }
}

/** The MLP case on `samples` MNIST digits (784 inputs). */
export async function mlpCase(hidden: number[], samples: number): Promise<LoopVsFitCase> {
  const data = fitDataOf(await loadMnist(samples, { validationSplit: 0 }));
  return { model: `MLP 784-${hidden.join('-')}-10`, data, makeModel: () => mlp(tf, hidden, { optimizer: 'adam', learningRate: 0.001 }) };
}

export async function benchTrainerVsFit(partial: Partial<TrainerBenchOptions> = {}): Promise<TrainerBenchResult> {
  const o = { ...DEFAULTS, ...partial };
  const backend = await initBackend(o.backend);
  return benchLoopVsFit(await mlpCase(o.hidden, o.samples), { backend, epochs: o.epochs, batchSize: o.batchSize, rounds: o.rounds });
}

function parseArgs(argv: string[]): Partial<TrainerBenchOptions> {
  const out: Partial<TrainerBenchOptions> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`Missing value after ${key}`);
    if (key === '--backend') out.backend = value as BackendChoice;
    else if (key === '--hidden') out.hidden = value.split(',').map(Number);
    else if (key === '--samples') out.samples = Number(value);
    else if (key === '--epochs') out.epochs = Number(value);
    else if (key === '--batch') out.batchSize = Number(value);
    else if (key === '--rounds') out.rounds = Number(value);
    else throw new Error(`Unknown option ${key}`);
  }
  return out;
}

if (process.argv[1]?.endsWith('trainer-vs-fit.ts')) {
  benchTrainerVsFit(parseArgs(process.argv.slice(2)))
    .then((r) => {
      console.log(`trainer vs model.fit  backend ${r.backend}  ${r.model}`);
      console.log(`  plain model.fit : ${r.plainFit.toFixed(0)} samples/s`);
      console.log(`  LayerLab loop   : ${r.ourLoop.toFixed(0)} samples/s`);
      console.log(`  ratio           : ${r.ratio.toFixed(3)} (target >= 0.95)`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
