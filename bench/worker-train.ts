// Trains a graph exactly as the app does (TrainingService, a forked training worker, its events) and measures
// samples/s between the end of the first (warm-up) epoch and the end of the last, as the host sees the
// worker's epoch events. A graph of E epochs gives E - 1 timed epochs.
import type { TrainEvent } from '../shared/api';
import type { GraphFile } from '../shared/graph/types';
import { TrainingService } from '../src-main/training/service';
import { forkWorkerFactory } from '../src-main/web/fork-worker';

export interface SpeedRun {
  samplesPerSec: number;
  /** Timed epochs. */
  epochs: number;
  /** Training loss of the last epoch (the runs being compared should land near each other). */
  loss: number;
  backend: string;
}

/** `env` is added to the worker's environment (LAYERLAB_WASM_KERNELS=stock for the "before" rows). */
export async function trainThroughWorker(graph: GraphFile, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<SpeedRun> {
  if (graph.training.epochs < 2) throw new Error('trainThroughWorker needs at least 2 epochs (the first is the warm-up)');
  const service = new TrainingService({ dataDir, spawnWorker: forkWorkerFactory(undefined, env) });
  const epochEnds: number[] = [];
  let loss = NaN;
  let backend = '?';
  let samples = 0;
  let runId = '';
  const finished = new Promise<void>((resolve, reject) => {
    service.onEvent((e: TrainEvent) => {
      if (runId && e.runId !== runId) return;
      if (e.type === 'started') {
        backend = e.backend.name;
        samples = e.trainSamples;
      } else if (e.type === 'epoch') {
        epochEnds.push(performance.now());
        loss = e.metrics.loss;
      } else if (e.type === 'done') resolve();
      else if (e.type === 'failed') reject(new Error(`training worker: ${e.error}`));
    });
  });
  try {
    runId = (await service.start(graph)).runId;
    await finished;
  } finally {
    await service.dispose();
  }
  if (epochEnds.length < 2) throw new Error(`training worker: ${epochEnds.length} epoch(s) finished, 2 or more needed`);
  const timed = epochEnds.length - 1;
  const seconds = (epochEnds[epochEnds.length - 1] - epochEnds[0]) / 1000;
  return { samplesPerSec: (samples * timed) / seconds, epochs: timed, loss, backend };
}
