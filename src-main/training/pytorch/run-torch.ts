// One PyTorch-engine run inside the training worker. The worker loads the dataset and builds the tfjs model as a
// TensorFlow.js run does, writes the exported script and the loaded data into <run>/pytorch/, runs the script
// (python, or torchrun for several processes or machines) and turns its events into the same training events.
// Stop / pause / resume go to the script's stdin. While it trains, its checkpoint is written as the run's latest/
// weights, as a TensorFlow.js run's are (checkpoint-latest.ts). When it ends, its weights (final.npz, best.npz)
// are handed back into the tfjs model and saved as the run's model/ and best/ folders, and the run is evaluated
// with the same code as a TensorFlow.js run: every view that reads a run works whatever engine trained it.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { errorDetail, type BackendInfo, type EpochMetrics, type ErrorDetail, type RunEngine } from '../../../shared/api';
import { nonFiniteHintDetail } from '../failure-detail';
import type { GraphFile } from '../../../shared/graph/types';
import { COMMAND_LOG_PREFIX, TORCH_CHECKPOINTS, TORCH_DATA, TORCH_SCRIPT, torchArgv, torchCommandText, torchLaunch } from '../../../shared/engines/pytorch-command';
import { initBackend } from '../../engine/backend';
import { buildModel, compileModel, layerNameFor, type BuiltModel } from '../../engine/compile';
import { prepareEngine } from '../../engine/setup';
import { loadDataset } from '../../data';
import type { LoadedDataset } from '../../data/types';
import { datasetToNpz } from '../../export/dataset-npz';
import { decodeNpz } from '../../export/npz';
import { generatePytorchScript, type PytorchExport } from '../../export/pytorch/script';
import { loadTorchWeights, unmappedWeightNodes } from '../../export/pytorch/weights';
import { INSTALL_HINT } from '../../torch/engine-locator';
import type { TrainControl } from '../control';
import { nonFiniteHint, type Emit } from '../fit-loop';
import { BEST_DIR, evaluateAfterTraining, MODEL_DIR, progressLogger, type JobRequest } from '../job';
import { saveModelToFolder } from '../model-files';
import { LatestWeightsWriter, removeLatestWeights } from '../latest-weights';
import { EPOCH_CHECKPOINT, TorchLatestWeights } from './checkpoint-latest';
import { namedMetrics, type TorchEvent } from './events';
import { datasetFailure } from '../failure-detail';
import { TorchProcess, type TorchExit } from './torch-process';

/** Folder inside a run's folder with the script, its data (while training) and its checkpoints. */
export const TORCH_DIR = 'pytorch';
const OUTPUT_TAIL = 20;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Writes model.py and data.npz (stored, not deflated: written and read at once) into `dir`. */
async function writeScriptAndData(graph: GraphFile, dataset: LoadedDataset, dir: string): Promise<PytorchExport> {
  const exp = generatePytorchScript(graph, dataset.shapes);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, TORCH_SCRIPT), exp.script);
  await fs.writeFile(path.join(dir, TORCH_DATA), datasetToNpz(dataset, { compress: false }));
  return exp;
}

/** Why the process ended without its 'end' event, in words a user can act on. */
function crashMessage(python: string, exit: TorchExit, tail: string[], stopRequested: boolean): { error: string; hint?: string; detail?: ErrorDetail } {
  if (exit.spawnError) return { error: `Could not start PyTorch: ${exit.spawnError}.`, hint: INSTALL_HINT };
  if (exit.protocolError) return { error: `PyTorch run failed: ${exit.protocolError}` };
  const text = tail.join('\n');
  if (/No module named '?torch'?/.test(text)) return { error: `${python} cannot import torch.`, hint: INSTALL_HINT };
  if (/out of memory/i.test(text)) {
    const line = tail.find((l) => /out of memory/i.test(l)) ?? '';
    const error = `PyTorch ran out of memory: ${line}`.trim();
    return { error, hint: 'Lower the batch size, or use a smaller model.', detail: errorDetail('torch.outOfMemory', { detail: line }, error) };
  }
  const last = tail.filter((l) => l.trim()).slice(-3).join('\n');
  if (exit.signal) {
    const how = exit.signal === 'SIGKILL' && !stopRequested ? ' (SIGKILL: often the system ran out of memory)' : '';
    const error = `The PyTorch process was killed by ${exit.signal}${how} before the run finished.`;
    return { error, hint: last ? `Last output:\n${last}` : undefined, detail: errorDetail('torch.killed', { signal: exit.signal }, error) };
  }
  return { error: `The PyTorch process exited with code ${exit.code} before the run finished.`, hint: last ? `Last output:\n${last}` : undefined };
}

export async function runTorchJob(req: JobRequest, emit: Emit, control: TrainControl): Promise<void> {
  const { graph } = req;
  const fail = (error: string, hint?: string) => emit({ type: 'failed', error, hint });
  const started = Date.now();
  if (!req.pytorch || 'problem' in req.pytorch) return fail(req.pytorch ? req.pytorch.problem : 'PyTorch is not available: no Python was given.', INSTALL_HINT);
  const python = req.pytorch.python;

  let backend: BackendInfo;
  try {
    backend = await initBackend(graph.training.backend);
  } catch (err) {
    return fail(`Could not start a TensorFlow.js backend for the evaluation: ${errorText(err)}`);
  }
  prepareEngine(tf);
  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(graph.dataset, { cacheDir: req.cacheDir, onProgress: progressLogger(emit) });
  } catch (err) {
    return emit({ type: 'failed', ...datasetFailure(graph.dataset.id, err) });
  }
  if (control.stopping) return emit({ type: 'done', status: 'stopped', durationMs: Date.now() - started, final: null });

  // The tfjs model: its metric names, and where the trained weights come back to.
  let built: BuiltModel;
  let exp: PytorchExport;
  const dir = path.join(req.runDir, TORCH_DIR);
  try {
    built = buildModel(graph, tf, dataset.shapes);
    compileModel(built.model, graph.training, tf);
    exp = await writeScriptAndData(graph, dataset, dir);
    const unmapped = unmappedWeightNodes(exp);
    if (unmapped.length) {
      throw new Error(`PyTorch's weights cannot be handed back for ${unmapped.map((n) => `${n.node.kind} (${n.node.id})`).join(', ')} yet; train this graph with TensorFlow.js`);
    }
    const launch = torchLaunch(graph.training.pytorch);
    if (launch.nodes > 1 && /^(127\.|localhost$|::1$)/.test(launch.host)) {
      emit({ type: 'log', level: 'warn', message: 'Several machines, but the rendezvous address is this computer\'s loopback address: the other machines cannot reach it. Use an address they can reach.' });
    }
  } catch (err) {
    return fail(`Could not prepare the PyTorch run: ${errorText(err)}`);
  }
  try {
    await trainInTorch(req, python, dir, dataset, built, exp, backend, emit, control, started);
  } finally {
    built.model.dispose();
    await removeScriptData(dir); // when the run ended early (the process never started or ran)
  }
}

/** The data was a copy of the dataset for the script; `layerlab export --run ID --format pytorch` writes it again. */
function removeScriptData(dir: string): Promise<void> {
  return fs.rm(path.join(dir, TORCH_DATA), { force: true });
}

async function trainInTorch(
  req: JobRequest,
  python: string,
  dir: string,
  dataset: LoadedDataset,
  built: BuiltModel,
  exp: PytorchExport,
  backend: BackendInfo,
  emit: Emit,
  control: TrainControl,
  started: number,
): Promise<void> {
  const { graph } = req;
  const config = graph.training.pytorch;
  const launch = torchLaunch(config);
  const names = built.model.metricsNames;
  const outputLayers = built.outputs.map((o) => layerNameFor(o.nodeId));
  const named = (m: Parameters<typeof namedMetrics>[2]) => namedMetrics(names, outputLayers, m);

  emit({ type: 'log', level: 'info', message: `${COMMAND_LOG_PREFIX}${launch.nodes > 1 ? ` (machine 1 of ${launch.nodes})` : ''}: ${torchCommandText(python, config, dir)}` });
  for (let rank = 1; rank < launch.nodes; rank++) {
    const text = torchCommandText('python3', config, dir, rank);
    emit({ type: 'log', level: 'info', message: `${COMMAND_LOG_PREFIX} (machine ${rank + 1} of ${launch.nodes}; copy ${dir} there first): ${text}` });
  }

  const epochs: EpochMetrics[] = [];
  const writer = new LatestWeightsWriter(req.runDir, (message) => emit({ type: 'log', level: 'warn', message }));
  const latest = new TorchLatestWeights(writer, path.join(dir, TORCH_CHECKPOINTS, EPOCH_CHECKPOINT), built.model, exp);
  let end: Extract<TorchEvent, { type: 'end' }> | null = null;
  let error: Extract<TorchEvent, { type: 'error' }> | null = null;
  let startedEvent = false;
  const tail: string[] = [];
  const proc = new TorchProcess({
    argv: torchArgv(python, config),
    cwd: dir,
    onOutput: (line) => {
      tail.push(line);
      if (tail.length > OUTPUT_TAIL) tail.shift();
      emit({ type: 'log', level: 'info', message: line });
    },
    onEvent: (e) => {
      switch (e.type) {
        case 'started': {
          startedEvent = true;
          const engine: RunEngine = { name: 'pytorch', device: e.device, processes: e.world, torch: e.torch };
          emit({
            type: 'started',
            backend: { name: backend.name, reason: `PyTorch ${e.torch} trains on ${e.device}${e.world > 1 ? ` in ${e.world} processes` : ''}; TensorFlow.js evaluates the result (${backend.reason})` },
            engine,
            epochs: graph.training.epochs,
            batchesPerEpoch: e.batches_per_epoch,
            trainSamples: e.train,
            valSamples: e.val,
            paramCount: e.params,
          });
          break;
        }
        case 'batch':
          emit({
            type: 'batch', epoch: e.epoch, batch: e.batch, step: e.step, metrics: named(e.metrics), progress: e.progress,
            samplesPerSec: e.samples_per_sec ?? 0, etaSec: e.eta_sec ?? 0,
          });
          break;
        case 'epoch': {
          const metrics = named(e.metrics);
          epochs[e.epoch] = metrics;
          emit({ type: 'epoch', epoch: e.epoch, metrics, durationMs: e.seconds * 1000 });
          latest.epochEnded();
          break;
        }
        case 'log':
          emit({ type: 'log', level: e.level, message: e.message });
          break;
        case 'paused':
        case 'resumed':
          emit({ type: e.type });
          break;
        case 'end':
          end = e;
          break;
        case 'error':
          error = e;
          break;
      }
    },
  });
  const onExit = () => proc.kill();
  process.once('exit', onExit);
  control.onRequest((request) => {
    // Before the script trains there is nothing to keep: end it at once.
    if (request === 'stop' && !startedEvent) proc.kill();
    else proc.send(request);
  });
  const exit = await proc.exited;
  process.off('exit', onExit);
  await latest.settled(); // the model takes the final weights next
  await removeScriptData(dir); // before the run's last event: whoever reads the folder then finds it as it stays

  const durationMs = Date.now() - started;
  const failure = error as Extract<TorchEvent, { type: 'error' }> | null;
  if (failure) {
    if (failure.traceback) for (const line of failure.traceback.trimEnd().split('\n')) emit({ type: 'log', level: 'error', message: line });
    if (failure.kind === 'diverged') {
      const { learningRate } = graph.training;
      const hint = nonFiniteHint(learningRate, graph.dataset.normalization);
      return emit({ type: 'failed', error: failure.message, hint, hintDetail: nonFiniteHintDetail(hint, learningRate, graph.dataset.normalization) });
    }
    if (failure.kind === 'oom') {
      const error = `PyTorch ran out of memory: ${failure.message}`;
      return emit({ type: 'failed', error, hint: 'Lower the batch size, or use a smaller model.', detail: errorDetail('torch.outOfMemory', { detail: failure.message }, error) });
    }
    const error = `PyTorch failed: ${failure.message}`;
    return emit({ type: 'failed', error, hint: "Python's traceback is in the run log.", detail: errorDetail('torch.failed', { detail: failure.message }, error) });
  }
  const finished = end as Extract<TorchEvent, { type: 'end' }> | null;
  if (!finished) {
    if (control.stopping && !startedEvent) return emit({ type: 'done', status: 'stopped', durationMs, final: null });
    const { error: message, hint, detail } = crashMessage(python, exit, tail, control.stopping);
    return emit({ type: 'failed', error: message, hint, ...(detail ? { detail } : {}) });
  }

  if (finished.epochs_done > 0 && finished.final) {
    const saved = await handBack(built, exp, dir, finished, emit);
    if (saved) {
      await removeLatestWeights(req.runDir).catch(() => {}); // model/ supersedes it; a leftover is never read
      const evaluation = evaluateAfterTraining(built, dataset, graph, control.stopping, emit);
      if (evaluation) emit(evaluation);
    }
  }
  const bestEpoch = finished.best_epoch;
  emit({
    type: 'done',
    status: finished.status,
    durationMs,
    final: epochs[finished.epochs_done - 1] ?? null,
    ...(finished.stop_reason ? { stopReason: finished.stop_reason } : {}),
    ...(bestEpoch !== null && epochs[bestEpoch] ? { bestEpoch, best: epochs[bestEpoch] } : {}),
  });
}

/**
 * best.npz -> best/, then final.npz -> model/ (the model keeps the final weights for the evaluation).
 * Returns false (with an error log line) when the final weights could not be handed back.
 */
async function handBack(built: BuiltModel, exp: PytorchExport, dir: string, end: Extract<TorchEvent, { type: 'end' }>, emit: Emit): Promise<boolean> {
  const load = async (file: string) => loadTorchWeights(tf, built.model, exp, decodeNpz(await fs.readFile(path.resolve(dir, file)), file));
  const runDir = path.dirname(dir);
  if (end.best_weights) {
    try {
      await load(end.best_weights);
      await saveModelToFolder(built.model, path.join(runDir, BEST_DIR));
    } catch (err) {
      emit({ type: 'log', level: 'error', message: `Saving the best weights (epoch ${(end.best_epoch ?? 0) + 1}) failed: ${errorText(err)}` });
    }
  }
  try {
    await load(end.final!);
    await saveModelToFolder(built.model, path.join(runDir, MODEL_DIR));
    return true;
  } catch (err) {
    emit({ type: 'log', level: 'error', message: `Handing PyTorch's trained weights back failed: ${errorText(err)}` });
    return false;
  }
}
