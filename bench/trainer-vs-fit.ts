// Samples/s of LayerLab's fit loop (src-main/training/fit-loop.ts) against a plain model.fit on the
// same MLP, the same real MNIST digits and the same backend. Usage:
//   tsx bench/trainer-vs-fit.ts [--backend auto|wasm|cpu] [--hidden 1024,512,512] [--samples 2048] [--epochs 2] [--rounds 2]
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../shared/graph/types';
import { initBackend } from '../src-main/engine/backend';
import { fitModel } from '../src-main/training/fit-loop';
import { TrainControl } from '../src-main/training/control';
import { fitDataOf, loadMnist, mlp } from '../src-main/training/testing/fixtures';

export interface TrainerBenchOptions {
  backend: BackendChoice;
  hidden: number[];
  samples: number;
  epochs: number;
  batchSize: number;
  /** Alternating measurements of each (A B A B ...), to even out a busy machine. */
  rounds: number;
}

export interface TrainerBenchResult {
  backend: string;
  model: string;
  plainFit: number;
  ourLoop: number;
  ratio: number;
}

const DEFAULTS: TrainerBenchOptions = { backend: 'auto', hidden: [1024, 512, 512], samples: 2048, epochs: 2, batchSize: 128, rounds: 2 };

export async function benchTrainerVsFit(partial: Partial<TrainerBenchOptions> = {}): Promise<TrainerBenchResult> {
  const o = { ...DEFAULTS, ...partial };
  const backend = await initBackend(o.backend);
  const ds = await loadMnist(o.samples, { validationSplit: 0 });
  const data = fitDataOf(ds);
  const n = data.train.size;
  const x = tf.tensor(data.train.xs[0].data, data.train.xs[0].shape);
  const y = tf.tensor(data.train.ys[0].data, data.train.ys[0].shape);

  const plain = async (): Promise<number> => {
    const model = mlp(tf, o.hidden, { optimizer: 'adam', learningRate: 0.001 });
    await model.fit(x, y, { epochs: 1, batchSize: o.batchSize, verbose: 0 }); // warm-up
    const t0 = performance.now();
    await model.fit(x, y, { epochs: o.epochs, batchSize: o.batchSize, shuffle: true, verbose: 0 });
    const sps = (n * o.epochs * 1000) / (performance.now() - t0);
    model.dispose();
    return sps;
  };
  const ours = async (): Promise<number> => {
    const model = mlp(tf, o.hidden, { optimizer: 'adam', learningRate: 0.001 });
    const run = (epochs: number) =>
      fitModel(tf, model, data, { epochs, batchSize: o.batchSize, backend }, () => {}, new TrainControl());
    await run(1); // warm-up
    const t0 = performance.now();
    const outcome = await run(o.epochs);
    if (outcome.status !== 'completed') throw new Error(`fit loop ${outcome.status}`);
    const sps = (n * o.epochs * 1000) / (performance.now() - t0);
    model.dispose();
    return sps;
  };

  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    a.push(await plain());
    b.push(await ours());
  }
  tf.dispose([x, y]);
  const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
  const plainFit = median(a);
  const ourLoop = median(b);
  return { backend: backend.name, model: `784-${o.hidden.join('-')}-10`, plainFit, ourLoop, ratio: ourLoop / plainFit };
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
      console.log(`trainer vs model.fit  backend ${r.backend}  MLP ${r.model}`);
      console.log(`  plain model.fit : ${r.plainFit.toFixed(0)} samples/s`);
      console.log(`  LayerLab loop   : ${r.ourLoop.toFixed(0)} samples/s`);
      console.log(`  ratio           : ${r.ratio.toFixed(3)} (target >= 0.95)`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
