// Main-process side of training: validates a graph, starts one worker process per run, relays the
// worker's events to listeners, keeps each run's record in the run store, and reports a worker that
// dies without finishing as a failed run (its output kept as the run's log).
import os from 'node:os';
import path from 'node:path';
import { trialOf } from '../../shared/experiments/expand';
import { ApiError, errorDetail } from '../../shared/api';
import type { LogDetail, RunDiagnostics, RunRecord, RunSummary, TrainEvent, TrainEventBody } from '../../shared/api';
import type { GraphFile } from '../../shared/graph/types';
import type { DatasetShapes } from '../../shared/data/types';
import { inferGraph } from '../../shared/infer';
import { nodeName } from '../../shared/graph/node-names';
import { datasetShapes } from '../../shared/data/catalog';
import { describeMemory, estimateTrainingMemory, formatBytes, memoryVerdict } from '../../shared/graph/memory';
import { OPTIMIZER_NAMES } from '../engine/optimizers';
import type { SpawnWorker, TorchPython, WorkerHandle, WorkerToMain } from './protocol';
import { TorchEngineLocator } from '../torch/engine-locator';
import { BatchHistory, RunStore, newRunId, summaryOf } from './run-store';
import type { AtomicFs } from '../files/atomic-write';
import { fsErrorReason, fsErrorText } from '../files/fs-errors';

export interface TrainingServiceOptions {
  /** Runs live in <dataDir>/runs. */
  dataDir: string;
  /** Dataset downloads and caches; default <dataDir>/cache. */
  cacheDir?: string;
  spawnWorker: SpawnWorker;
  /** How long a worker may take to confirm a 'stop' before it is killed. Default 15 s. */
  stopTimeoutMs?: number;
  /**
   * Once the worker has confirmed the stop: how long it may take to end the run (save the weights, a PyTorch
   * run's hand-back, the evaluation) before it is killed. Default 10 minutes.
   */
  stopFinishTimeoutMs?: number;
  /** Runs training at the same time; more are refused with 'busy'. Default 4. */
  maxConcurrent?: number;
  /** How often a running record is written to disk at most (batch events). Default 2 s. */
  saveIntervalMs?: number;
  /** Which Python runs PyTorch-engine runs; default a TorchEngineLocator on dataDir (settings, LAYERLAB_PYTHON, search). */
  pytorch?: { forRun(): Promise<TorchPython> };
  /** The memory a run may need at most (default: this machine's, os.totalmem()). */
  machineMemoryBytes?: number;
  /** The run store's file-system calls (tests fill the disk with them). */
  atomicFs?: AtomicFs;
}

const DISK_HINT = 'Free some disk space (or choose another data folder with LAYERLAB_HOME) and train again.';

const MAX_LOG_LINES = 1000;
/** Per-layer norm samples a record keeps (thinned uniformly), and epochs of layer statistics (the newest). */
const MAX_NORM_POINTS = 1000;
const MAX_STATS_EPOCHS = 200;

/** The run's diagnostics in its record, created with the first diagnostics event. */
function diagnosticsOf(run: ActiveRun): RunDiagnostics {
  run.record.diagnostics ??= { norms: run.norms.list, epochs: [] };
  return run.record.diagnostics;
}

interface ActiveRun {
  record: RunRecord;
  history: BatchHistory;
  /** Per-layer norms, thinned like the batch metrics (RunRecord.diagnostics.norms). */
  norms: BatchHistory<RunDiagnostics['norms'][number]>;
  worker: WorkerHandle;
  startMs: number;
  finished: boolean;
  stopRequested: boolean;
  saveTimer: NodeJS.Timeout | null;
  killTimer: NodeJS.Timeout | null;
  exited: Promise<void>;
  /** PyTorch-engine runs: the Python to run, or why there is none (sent with 'start'). */
  pytorch?: TorchPython;
}

function nodeLabel(graph: GraphFile, nodeId: string | null): string {
  if (!nodeId) return 'Graph';
  const name = nodeName(graph, nodeId);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function checkTraining(graph: GraphFile): void {
  const t = graph.training;
  const bad = (msg: string) => new ApiError('invalid', `Training settings: ${msg}`);
  if (!t || typeof t !== 'object') throw bad('missing');
  if (!Number.isInteger(t.epochs) || t.epochs < 1) throw bad(`epochs must be a whole number >= 1, got ${String(t.epochs)}`);
  if (!Number.isInteger(t.batchSize) || t.batchSize < 1) throw bad(`batchSize must be a whole number >= 1, got ${String(t.batchSize)}`);
  if (!(typeof t.learningRate === 'number' && t.learningRate > 0 && Number.isFinite(t.learningRate))) {
    throw bad(`learningRate must be a positive number, got ${String(t.learningRate)}`);
  }
  if (!OPTIMIZER_NAMES.includes(t.optimizer)) {
    throw bad(`unknown optimizer '${String(t.optimizer)}' (expected one of ${OPTIMIZER_NAMES.join(', ')})`);
  }
}

/**
 * Throws ApiError('invalid') naming the node (or setting) at fault when the graph cannot train, or when training
 * it needs more memory than `machineBytes`: refused before a worker allocates anything (a Dense 1e6 x 1e6 used to
 * grow a worker past 3 GB for a minute before tfjs failed with "Invalid typed array length").
 */
export function validateForTraining(graph: GraphFile, machineBytes = os.totalmem()): void {
  if (!graph || typeof graph !== 'object' || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
    throw new ApiError('invalid', 'The graph must have nodes and edges lists');
  }
  checkTraining(graph);
  let shapes: DatasetShapes;
  try {
    shapes = datasetShapes(graph.dataset);
  } catch (err) {
    throw new ApiError('invalid', `Dataset settings: ${(err as Error).message}`);
  }
  const inference = inferGraph(graph, shapes);
  const { errors } = inference;
  if (errors.length > 0) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    const params = { node: nodeLabel(graph, first.nodeId), detail: `${first.message}${more}` };
    throw new ApiError('invalid', `${params.node}: ${params.detail}`, errorDetail('train.graphInvalid', params, `${params.node}: ${params.detail}`));
  }
  const estimate = estimateTrainingMemory(inference, graph.training);
  if (memoryVerdict(estimate, machineBytes) === 'too-large') {
    const params = { needs: describeMemory(estimate, graph.training.optimizer), has: formatBytes(machineBytes) };
    const message =
      `Too big to train on this machine: training needs ${params.needs}, ` +
      `and this machine has ${params.has} of memory. Use fewer or smaller layers, a smaller batch size ` +
      `or a lighter optimizer (sgd keeps the least state), or export it as PyTorch code to train on a bigger machine.`;
    throw new ApiError('invalid', message, errorDetail('train.tooBig', params, message));
  }
}

export class TrainingService {
  readonly store: RunStore;
  private readonly cacheDir: string;
  private readonly active = new Map<string, ActiveRun>();
  /** Slots taken by starts still writing their first record (not yet in `active`). */
  private starting = 0;
  private readonly listeners = new Set<(event: TrainEvent) => void>();
  private readonly pytorch: { forRun(): Promise<TorchPython> };

  constructor(private readonly opts: TrainingServiceOptions) {
    this.store = new RunStore(opts.dataDir, opts.atomicFs);
    this.cacheDir = opts.cacheDir ?? path.join(opts.dataDir, 'cache');
    this.pytorch = opts.pytorch ?? new TorchEngineLocator({ dataDir: opts.dataDir });
  }

  onEvent(listener: (event: TrainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(graph: GraphFile): Promise<{ runId: string }> {
    validateForTraining(graph, this.opts.machineMemoryBytes);
    // Check and take the slot in the same synchronous step: starts arriving together must not all see a free one.
    const max = this.opts.maxConcurrent ?? 4;
    const taken = [...this.active.values()].filter((r) => !r.finished).length + this.starting;
    if (taken >= max) {
      const message = `${taken} runs are already training (at most ${max} at once); stop one or wait for it to finish`;
      throw new ApiError('busy', message, errorDetail('train.busy', { taken, max }, message));
    }
    this.starting++;
    try {
      return await this.launch(graph);
    } finally {
      this.starting--;
    }
  }

  /** Stores the new run and starts its worker; the caller holds a slot until the run is in `active`. */
  private async launch(graph: GraphFile): Promise<{ runId: string }> {
    // Cached after the first probe; a missing torch reaches the worker as the run's failure message.
    const pytorch = graph.training.engine === 'pytorch' ? await this.pytorch.forRun() : undefined;
    const id = newRunId();
    const experimentId = trialOf(graph)?.experimentId;
    const record: RunRecord = {
      id,
      name: graph.name || 'Untitled',
      status: 'running',
      startedAt: new Date().toISOString(),
      durationMs: 0,
      backend: null,
      epochs: 0,
      final: null,
      graph,
      dataset: graph.dataset,
      training: graph.training,
      batches: [],
      epochsHistory: [],
      log: [],
      // A trial of an experiment (its graph carries extras.experimentTrial) is linked to it.
      ...(experimentId ? { experimentId } : {}),
    };
    try {
      await this.store.save(record);
    } catch (err) {
      throw new ApiError('internal', `Could not start the run: ${fsErrorText(err)}. ${DISK_HINT}`);
    }

    let worker: WorkerHandle;
    try {
      worker = this.opts.spawnWorker();
    } catch (err) {
      record.status = 'failed';
      record.error = `Could not start the training worker: ${(err as Error).message}`;
      await this.store.save(record);
      throw new ApiError('internal', record.error);
    }
    let exitedResolve!: () => void;
    const run: ActiveRun = {
      record,
      history: new BatchHistory(record.batches),
      norms: new BatchHistory<RunDiagnostics['norms'][number]>([], MAX_NORM_POINTS),
      worker,
      startMs: Date.now(),
      finished: false,
      stopRequested: false,
      saveTimer: null,
      killTimer: null,
      exited: new Promise<void>((resolve) => (exitedResolve = resolve)),
      ...(pytorch ? { pytorch } : {}),
    };
    this.active.set(id, run);

    worker.onOutput((line) => this.appendLog(run, line));
    worker.onMessage((msg) => this.onWorkerMessage(run, msg));
    // `exited` resolves once the run's final record is on disk, so dispose() and the CLI can rely on it.
    worker.onExit((code, signal) => void this.onWorkerExit(run, code, signal).then(exitedResolve));
    return { runId: id };
  }

  async stop(runId: string): Promise<void> {
    const run = await this.requireActive(runId);
    if (!run || run.finished || run.stopRequested) return;
    run.stopRequested = true;
    run.worker.send({ type: 'stop' });
    this.killAfter(run, this.opts.stopTimeoutMs ?? 15_000);
  }

  /** (Re)arms the timer that kills a stopping run's worker. */
  private killAfter(run: ActiveRun, ms: number): void {
    if (run.killTimer) clearTimeout(run.killTimer);
    run.killTimer = setTimeout(() => run.worker.kill(), ms);
    run.killTimer.unref?.();
  }

  async pause(runId: string): Promise<void> {
    const run = await this.requireActive(runId);
    if (run && !run.finished) run.worker.send({ type: 'pause' });
  }

  async resume(runId: string): Promise<void> {
    const run = await this.requireActive(runId);
    if (run && !run.finished) run.worker.send({ type: 'resume' });
  }

  async listRuns(): Promise<RunSummary[]> {
    const stored = await this.store.list((id, why) => console.warn(`Skipping run ${id}: ${why}`));
    const runs = await Promise.all(stored.map((r) => this.current(r)));
    return runs.map(summaryOf);
  }

  async getRun(runId: string): Promise<RunRecord> {
    const active = this.active.get(runId);
    if (active) return { ...active.record, batches: active.record.batches.slice(), log: active.record.log.slice(), ...(active.record.logDetails ? { logDetails: active.record.logDetails.slice() } : {}) };
    const stored = await this.readStored(runId);
    return this.current(stored);
  }

  async deleteRun(runId: string): Promise<void> {
    const active = this.active.get(runId);
    if (active && !active.finished) throw new ApiError('busy', `Run ${runId} is still training: stop it first`);
    if (active) await active.exited;
    if (!(await this.store.delete(runId))) throw new ApiError('not_found', `No run '${runId}'`);
  }

  /** Where a run's trained weights are (model.json + weights.bin): the weights training ended with. */
  modelDir(runId: string): string {
    return this.store.modelDir(runId);
  }

  /** Where the best epoch's weights are (RunRecord.bestEpoch); absent when no epoch finished. */
  bestModelDir(runId: string): string {
    return this.store.bestModelDir(runId);
  }

  /** Stops every worker (app quit). Resolves when they have exited and their records are saved. */
  async dispose(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) {
      run.stopRequested = true;
      run.worker.kill();
    }
    await Promise.all(runs.map((r) => r.exited));
  }

  // ---- internals ----

  private async readStored(runId: string): Promise<RunRecord> {
    let stored: RunRecord | null;
    try {
      stored = await this.store.get(runId);
    } catch (err) {
      throw new ApiError(/Invalid run id/.test((err as Error).message) ? 'invalid' : 'internal', (err as Error).message);
    }
    if (!stored) throw new ApiError('not_found', `No run '${runId}'`, errorDetail('run.notFound', { id: runId }, `No run '${runId}'`));
    return stored;
  }

  /** Active runs' live records; a stored 'running' run with no worker was cut off by an app exit. */
  private async current(stored: RunRecord): Promise<RunRecord> {
    const active = this.active.get(stored.id);
    if (active) return active.record;
    if (stored.status === 'running') {
      stored.status = 'failed';
      stored.error = 'Interrupted: the app closed while this run was training';
      stored.errorDetail = errorDetail('train.interrupted', {}, stored.error);
      await this.store.save(stored).catch(() => {});
    }
    return stored;
  }

  private async requireActive(runId: string): Promise<ActiveRun | null> {
    const run = this.active.get(runId);
    if (run) return run;
    await this.readStored(runId); // throws not_found for unknown runs
    return null; // a finished run: nothing to do
  }

  private emit(run: ActiveRun, body: TrainEventBody): void {
    const event = { ...body, runId: run.record.id, time: Date.now() } as TrainEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('Training event listener failed:', err);
      }
    }
  }

  /** One line of the run's log; `detail` (its code and values) is kept beside it in logDetails, line for line. */
  private appendLog(run: ActiveRun, line: string, detail?: LogDetail): void {
    const r = run.record;
    const log = r.log;
    if (detail && !r.logDetails) r.logDetails = log.map(() => null);
    log.push(line);
    r.logDetails?.push(detail ?? null);
    if (log.length > MAX_LOG_LINES) {
      const extra = log.length - MAX_LOG_LINES;
      log.splice(0, extra);
      r.logDetails?.splice(0, extra);
    }
  }

  /** Writes the record now; rejects when it cannot be written. */
  private persist(run: ActiveRun): Promise<void> {
    if (run.saveTimer) clearTimeout(run.saveTimer);
    run.saveTimer = null;
    return this.store.save(run.record);
  }

  /** An intermediate save: a failure is reported, and the final save (finish) decides the run's fate. */
  private saveNow(run: ActiveRun): Promise<void> {
    return this.persist(run).catch((err: Error) => console.error(`Could not save run ${run.record.id}: ${fsErrorReason(err)}`));
  }

  /**
   * The worker's final event reaches listeners only once the record saying so is on disk: a run whose record
   * cannot be written (a full disk) is reported as failed, never as completed.
   */
  private async finish(run: ActiveRun, final: TrainEventBody): Promise<void> {
    try {
      await this.persist(run);
      this.emit(run, final);
    } catch (err) {
      const r = run.record;
      r.status = 'failed';
      r.error = `The run could not be saved: ${fsErrorText(err)}.`;
      this.appendLog(run, `[error] ${r.error}`);
      this.emit(run, { type: 'failed', error: r.error, hint: DISK_HINT });
    }
  }

  private saveSoon(run: ActiveRun): void {
    if (run.saveTimer) return;
    run.saveTimer = setTimeout(() => void this.saveNow(run), this.opts.saveIntervalMs ?? 2000);
    run.saveTimer.unref?.();
  }

  private onWorkerMessage(run: ActiveRun, msg: WorkerToMain): void {
    const r = run.record;
    if (msg.type === 'ready') {
      // A stop that came before the worker listened may have been lost: repeat it instead of starting.
      if (run.stopRequested) return run.worker.send({ type: 'stop' });
      run.worker.send({ type: 'start', runId: r.id, graph: r.graph, runDir: this.store.runDir(r.id), cacheDir: this.cacheDir, ...(run.pytorch ? { pytorch: run.pytorch } : {}) });
      return;
    }
    if (run.finished) return; // nothing counts after the final event
    if (msg.type === 'stopping') {
      // The worker heard the stop and is ending the run: give it the time its weights and evaluation take.
      if (run.stopRequested && run.killTimer) this.killAfter(run, this.opts.stopFinishTimeoutMs ?? 600_000);
      return;
    }
    r.durationMs = Date.now() - run.startMs;
    switch (msg.type) {
      case 'started':
        r.backend = msg.backend.name;
        if (msg.engine) r.engine = msg.engine;
        this.appendLog(run, `Backend: ${msg.backend.reason}`);
        void this.saveNow(run);
        break;
      case 'batch':
        run.history.add({ step: msg.step, metrics: msg.metrics });
        this.saveSoon(run);
        break;
      case 'epoch':
        r.epochsHistory.push(msg.metrics);
        r.epochs = r.epochsHistory.length;
        r.final = msg.metrics;
        void this.saveNow(run);
        break;
      case 'log':
        this.appendLog(run, `[${msg.level}] ${msg.message}`, msg.detail);
        break;
      case 'paused':
      case 'resumed':
        this.appendLog(run, `[info] ${msg.type}`);
        break;
      case 'evaluation':
        r.evaluation = msg.evaluation;
        break;
      case 'layerNorms':
        diagnosticsOf(run); // the record holds the history's live array
        run.norms.add({ step: msg.step, layers: msg.layers });
        this.saveSoon(run);
        break;
      case 'layerStats': {
        const { epochs } = diagnosticsOf(run);
        epochs.push(msg.stats);
        // The newest epochs, when a very long run has more than the record keeps.
        if (epochs.length > MAX_STATS_EPOCHS) epochs.shift();
        this.saveSoon(run);
        break;
      }
      case 'done':
        run.finished = true;
        r.status = msg.status;
        r.durationMs = msg.durationMs;
        r.final = msg.final ?? r.final;
        if (msg.stopReason) {
          r.stopReason = msg.stopReason;
          if (msg.stopDetail) r.stopDetail = msg.stopDetail;
          this.appendLog(run, `[info] ${msg.stopReason}`, msg.stopDetail);
        }
        if (msg.bestEpoch !== undefined) r.bestEpoch = msg.bestEpoch;
        if (msg.best) r.best = msg.best;
        return void this.finish(run, msg);
      case 'failed':
        run.finished = true;
        r.status = 'failed';
        r.error = msg.hint ? `${msg.error} ${msg.hint}` : msg.error;
        if (msg.detail) r.errorDetail = msg.detail;
        this.appendLog(run, `[error] ${r.error}`);
        return void this.finish(run, msg);
    }
    this.emit(run, msg);
  }

  /** Records how the run ended; resolves when its final record is saved. */
  private onWorkerExit(run: ActiveRun, code: number | null, signal: string | null): Promise<void> {
    if (run.killTimer) clearTimeout(run.killTimer);
    const r = run.record;
    let final: TrainEventBody | null = null;
    if (!run.finished) {
      run.finished = true;
      r.durationMs = Date.now() - run.startMs;
      if (run.stopRequested) {
        r.status = 'stopped';
        final = { type: 'done', status: 'stopped', durationMs: r.durationMs, final: r.final };
      } else {
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        r.status = 'failed';
        r.error = `The training worker ${how} before the run finished.`;
        r.errorDetail = signal ? errorDetail('train.workerKilled', { signal }, r.error) : errorDetail('train.workerExited', { code: String(code) }, r.error);
        this.appendLog(run, `[error] ${r.error}`);
        const lastOutput = r.log.filter((l) => !l.startsWith('[')).slice(-3).join('\n');
        final = { type: 'failed', error: r.error, hint: lastOutput ? `Last output:\n${lastOutput}` : undefined, detail: r.errorDetail };
      }
    }
    return (final ? this.finish(run, final) : this.saveNow(run)).then(() => {
      if (this.active.get(r.id) === run) this.active.delete(r.id);
    });
  }
}
