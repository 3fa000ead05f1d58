// Runs an experiment's trials one after another through the training service: each trial is a normal run
// (its graph snapshot carries extras.experimentTrial with the experiment id), the queue can be paused,
// resumed, reordered and cancelled, and the record (trial status, final metrics, best) is saved after
// every change so the renderer can poll it and it survives a restart.
import { ApiError } from '../../shared/api';
import type { TrainEvent } from '../../shared/api';
import type { GraphFile } from '../../shared/graph/types';
import { ExperimentError, expandTrials, experimentOf } from '../../shared/experiments/expand';
import { bestTrialIndex } from '../../shared/experiments/results';
import { pathLabel } from '../../shared/experiments/paths';
import { TRIAL_EXTRAS_KEY, type ExperimentRecord, type ExperimentSummary, type TrialSpec } from '../../shared/experiments/types';
import { ExperimentStore, newExperimentId } from './store';
import { graphIdOf } from '../../shared/graph/identity';

/** The part of TrainingService the runner uses. */
export interface TrialTrainer {
  start(graph: GraphFile): Promise<{ runId: string }>;
  stop(runId: string): Promise<unknown>;
  pause(runId: string): Promise<unknown>;
  resume(runId: string): Promise<unknown>;
  onEvent(listener: (event: TrainEvent) => void): () => void;
}

interface Live {
  record: ExperimentRecord;
  specs: TrialSpec[];
  /** Run id of the trial training now. */
  currentRun: string | null;
  /** Serialises saves so an older state never overwrites a newer one. */
  saving: Promise<void>;
  /** The next trial was refused a training slot (all busy): it starts when some run ends. */
  waitingForSlot: boolean;
}

export interface ExperimentRunnerOptions {
  /** Experiments running or paused at the same time; more are refused with 'busy'. Default 2. */
  maxConcurrent?: number;
}

export function summaryOfExperiment(r: ExperimentRecord): ExperimentSummary {
  const { id, name, status, startedAt, params, trialCount, finishedCount, bestTrial } = r;
  const graphId = graphIdOf(r.baseGraph);
  return { id, name, status, startedAt, params, trialCount, finishedCount, bestTrial, ...(graphId ? { graphId } : {}) };
}

export class ExperimentRunner {
  private readonly live = new Map<string, Live>();
  private readonly byRun = new Map<string, { exp: Live; index: number }>();
  private readonly unsubscribe: () => void;
  readonly store: ExperimentStore;

  constructor(
    private readonly trainer: TrialTrainer,
    dataDir: string,
    private readonly opts: ExperimentRunnerOptions = {},
  ) {
    this.store = new ExperimentStore(dataDir);
    this.unsubscribe = trainer.onEvent((ev) => this.onTrainEvent(ev));
  }

  /** Validates graph.extras.experiment, stores the experiment and starts its first trial. */
  async start(graph: GraphFile): Promise<{ experimentId: string }> {
    const def = experimentOf(graph);
    if (!def) throw new ApiError('invalid', 'startExperiment: the graph has no experiment definition (extras.experiment)');
    let specs: TrialSpec[];
    try {
      specs = expandTrials(def, graph);
    } catch (err) {
      if (err instanceof ExperimentError) throw new ApiError('invalid', `Experiment: ${err.message}`);
      throw err;
    }
    // Checked and taken (live.set below) in one synchronous step, so starts arriving together cannot all pass.
    const max = this.opts.maxConcurrent ?? 2;
    const running = [...this.live.values()].filter((e) => !isFinished(e.record)).length;
    if (running >= max) {
      throw new ApiError('busy', `${running} experiments are already running (at most ${max} at once); cancel one or wait for it to finish`);
    }
    const id = newExperimentId();
    const record: ExperimentRecord = {
      id,
      name: `${graph.name}: ${def.params.map((p) => pathLabel(graph, p.path)).join(' × ')}`,
      status: 'running',
      startedAt: new Date().toISOString(),
      params: def.params.map((p) => p.path),
      trialCount: specs.length,
      finishedCount: 0,
      bestTrial: null,
      definition: def,
      baseGraph: graph,
      trials: specs.map((s) => ({ index: s.index, values: s.values, status: 'queued' })),
      queue: specs.map((s) => s.index),
    };
    const exp: Live = { record, specs, currentRun: null, saving: Promise.resolve(), waitingForSlot: false };
    this.live.set(id, exp);
    await this.save(exp);
    await this.advance(exp);
    return { experimentId: id };
  }

  async cancel(id: string): Promise<void> {
    const exp = await this.requireLive(id);
    if (!exp || isFinished(exp.record)) return;
    exp.record.status = 'canceled';
    for (const i of exp.record.queue) exp.record.trials[i].status = 'canceled';
    exp.record.queue = [];
    if (exp.currentRun) await this.trainer.stop(exp.currentRun).catch(() => {});
    await this.save(exp);
  }

  async pause(id: string): Promise<void> {
    const exp = await this.requireLive(id);
    if (!exp || exp.record.status !== 'running') return;
    exp.record.status = 'paused';
    if (exp.currentRun) await this.trainer.pause(exp.currentRun).catch(() => {});
    await this.save(exp);
  }

  async resume(id: string): Promise<void> {
    const exp = await this.requireLive(id);
    if (!exp || exp.record.status !== 'paused') return;
    exp.record.status = 'running';
    if (exp.currentRun) await this.trainer.resume(exp.currentRun).catch(() => {});
    await this.save(exp);
    await this.advance(exp);
  }

  /** New order of the trials still waiting: a permutation of the current queue. */
  async reorder(id: string, queue: number[]): Promise<void> {
    const exp = await this.requireLive(id);
    if (!exp || isFinished(exp.record)) throw new ApiError('invalid', `reorderExperiment: experiment ${id} is not running`);
    const current = [...exp.record.queue].sort((a, b) => a - b);
    const given = [...queue].sort((a, b) => a - b);
    if (current.length !== given.length || current.some((v, i) => v !== given[i])) {
      throw new ApiError('invalid', `reorderExperiment: 'queue' must list exactly the waiting trials [${exp.record.queue.join(', ')}], got [${queue.join(', ')}]`);
    }
    exp.record.queue = [...queue];
    await this.save(exp);
  }

  async get(id: string): Promise<ExperimentRecord> {
    const exp = this.live.get(id);
    if (exp) return structuredClone(exp.record);
    const stored = await this.readStored(id);
    return stored;
  }

  async list(): Promise<ExperimentSummary[]> {
    const stored = await this.store.list();
    return stored.map((r) => summaryOfExperiment(this.live.get(r.id)?.record ?? interrupted(r)));
  }

  /** Stops listening to training events (the service's own dispose stops the workers). */
  dispose(): void {
    this.unsubscribe();
  }

  // ---- internals ----

  private async readStored(id: string): Promise<ExperimentRecord> {
    let r: ExperimentRecord | null;
    try {
      r = await this.store.get(id);
    } catch (err) {
      throw new ApiError(/Invalid experiment id/.test((err as Error).message) ? 'invalid' : 'internal', (err as Error).message);
    }
    if (!r) throw new ApiError('not_found', `No experiment '${id}'`);
    return interrupted(r);
  }

  private async requireLive(id: string): Promise<Live | null> {
    const exp = this.live.get(id);
    if (exp) return exp;
    await this.readStored(id); // not_found for unknown ids
    return null;
  }

  private save(exp: Live): Promise<void> {
    const r = exp.record;
    r.finishedCount = r.trials.filter((t) => t.status !== 'queued' && t.status !== 'running').length;
    r.bestTrial = bestTrialIndex(r.trials);
    const snapshot = JSON.parse(JSON.stringify(r)) as ExperimentRecord;
    exp.saving = exp.saving.then(() => this.store.save(snapshot)).catch((err: Error) => console.error(`Could not save experiment ${r.id}: ${err.message}`));
    return exp.saving;
  }

  /** Starts the next queued trial when the experiment runs and nothing is training. */
  private async advance(exp: Live): Promise<void> {
    const r = exp.record;
    while (r.status === 'running' && exp.currentRun === null) {
      const index = r.queue.shift();
      if (index === undefined) {
        r.status = r.trials.some((t) => t.status === 'completed' || t.status === 'stopped') ? 'completed' : 'failed';
        await this.save(exp);
        this.live.delete(r.id);
        return;
      }
      const trial = r.trials[index];
      const spec = exp.specs[index];
      const graph: GraphFile = { ...spec.graph, extras: { ...spec.graph.extras, [TRIAL_EXTRAS_KEY]: { experimentId: r.id, index, values: spec.values } } };
      trial.status = 'running';
      exp.currentRun = `pending-${index}`;
      try {
        const { runId } = await this.trainer.start(graph);
        trial.runId = runId;
        exp.currentRun = runId;
        this.byRun.set(runId, { exp, index });
        // Paused or cancelled while the run was starting.
        if ((r.status as string) === 'paused') await this.trainer.pause(runId).catch(() => {});
        if ((r.status as string) === 'canceled') await this.trainer.stop(runId).catch(() => {});
      } catch (err) {
        exp.currentRun = null;
        if (err instanceof ApiError && err.code === 'busy') {
          // Every training slot is taken (other runs or experiments): the trial waits for one, it did not fail.
          trial.status = 'queued';
          r.queue.unshift(index);
          exp.waitingForSlot = true;
          await this.save(exp);
          return;
        }
        trial.status = 'failed';
        trial.error = err instanceof Error ? err.message : String(err);
      }
      await this.save(exp);
    }
  }

  /** A run ended, so a training slot is free: experiments waiting for one try again. */
  private retryWaiting(): void {
    for (const exp of this.live.values()) {
      if (!exp.waitingForSlot) continue;
      exp.waitingForSlot = false;
      void this.advance(exp);
    }
  }

  private onTrainEvent(ev: TrainEvent): void {
    if (ev.type === 'done' || ev.type === 'failed') queueMicrotask(() => this.retryWaiting());
    const link = this.byRun.get(ev.runId);
    if (!link) return;
    const { exp, index } = link;
    const trial = exp.record.trials[index];
    switch (ev.type) {
      case 'epoch':
        trial.final = ev.metrics;
        return;
      case 'done':
        trial.status = ev.status;
        trial.final = ev.final ?? trial.final ?? null;
        trial.durationMs = ev.durationMs;
        break;
      case 'failed':
        trial.status = 'failed';
        trial.error = ev.hint ? `${ev.error} ${ev.hint}` : ev.error;
        break;
      default:
        return;
    }
    this.byRun.delete(ev.runId);
    exp.currentRun = null;
    void this.save(exp).then(() => this.advance(exp));
  }
}

function isFinished(r: ExperimentRecord): boolean {
  return r.status === 'completed' || r.status === 'canceled' || r.status === 'failed';
}

/** A stored experiment still marked running or paused with no runner behind it was cut off by an app exit. */
function interrupted(r: ExperimentRecord): ExperimentRecord {
  if (r.status !== 'running' && r.status !== 'paused') return r;
  const trials = r.trials.map((t) => (t.status === 'queued' || t.status === 'running' ? { ...t, status: 'canceled' as const } : t));
  return { ...r, status: 'canceled', trials, queue: [] };
}
