// Results belong to the graph on screen. Which run the Training tab shows for the current graph (its live
// run, else its newest stored run, else none), and a stored run replayed into the same view and chart
// series the live run uses, so a reopened graph shows its last training exactly as it ended.
import { isLogDetail, type RunRecord, type RunSummary, type TrainEvent, type TrainEventBody } from '../../../shared/api';
import { graphIdOf } from '../../../shared/graph/identity';
import { IDLE, reduceTrainEvent, type TrainView } from './trainState';
import type { RunSeries } from './series';

export type ShownRun = { kind: 'live' } | { kind: 'stored'; runId: string } | { kind: 'none' };

/** `runs` newest first (as the runs store keeps them). */
export function shownRun(graphId: string | null, live: Pick<TrainView, 'graphId' | 'status'>, runs: readonly RunSummary[]): ShownRun {
  if (graphId && live.status !== 'idle' && live.graphId === graphId) return { kind: 'live' };
  const stored = graphId ? runs.find((r) => r.graphId === graphId) : undefined;
  return stored ? { kind: 'stored', runId: stored.id } : { kind: 'none' };
}

/** True when a run trained a graph other than the one on screen (runs from before graph ids count as other). */
export function isOtherGraph(runGraphId: string | null | undefined, graphId: string | null): boolean {
  return !runGraphId || runGraphId !== graphId;
}

/** The events a stored run would have sent, replayed through reduceTrainEvent into `series`. */
export function viewOfRecord(run: RunRecord, series: RunSeries): TrainView {
  series.clear();
  const epochsDone = run.epochsHistory.length;
  const lastStep = run.batches.length > 0 ? run.batches[run.batches.length - 1].step : -1;
  // Not stored with the run: the batch history gives it (exact unless the run stopped inside an epoch).
  const batchesPerEpoch = epochsDone > 0 && lastStep >= 0 ? Math.max(1, Math.floor((lastStep + 1) / epochsDone)) : Math.max(1, lastStep + 1);
  const events: TrainEventBody[] = [
    { type: 'started', backend: { name: run.backend ?? 'cpu', reason: `Stored run ${run.id}` }, epochs: run.training.epochs, batchesPerEpoch, trainSamples: 0, valSamples: 0, paramCount: 0 },
    ...run.batches.map((b): TrainEventBody => ({
      type: 'batch',
      epoch: Math.floor(b.step / batchesPerEpoch),
      batch: b.step % batchesPerEpoch,
      step: b.step,
      metrics: b.metrics,
      progress: 0,
      samplesPerSec: 0,
      etaSec: 0,
    })),
    ...run.epochsHistory.map((metrics, epoch): TrainEventBody => ({ type: 'epoch', epoch, metrics, durationMs: 0 })),
    ...(run.evaluation ? [{ type: 'evaluation', evaluation: run.evaluation } as TrainEventBody] : []),
    ...(run.diagnostics?.norms ?? []).map((n): TrainEventBody => ({ type: 'layerNorms', step: n.step, layers: n.layers })),
    ...(run.diagnostics?.epochs ?? []).map((stats): TrainEventBody => ({ type: 'layerStats', stats })),
  ];
  if (run.status === 'failed') events.push({ type: 'failed', error: run.error ?? 'The run failed.' });
  else if (run.status !== 'running') events.push({ type: 'done', status: run.status, durationMs: run.durationMs, final: run.final, ...(run.stopReason ? { stopReason: run.stopReason } : {}), ...(run.stopDetail ? { stopDetail: run.stopDetail } : {}) });
  let view: TrainView = { ...IDLE, status: 'starting', graphId: graphIdOf(run.graph), graphName: run.graph.name };
  for (const body of events) view = reduceTrainEvent(view, { ...body, runId: run.id, time: 0 } as TrainEvent, series);
  const planned = run.training.epochs * batchesPerEpoch;
  return {
    ...view,
    backend: run.backend ? view.backend : null,
    progress: run.status === 'completed' ? 1 : planned > 0 ? Math.min(1, (lastStep + 1) / planned) : 0,
    samplesPerSec: 0,
    etaSec: 0,
    durationMs: run.durationMs,
    log: run.log.slice(-50).map((message, i, shown) => {
      const detail = run.logDetails?.[run.log.length - shown.length + i];
      const level = /^\[error\]/.test(message) ? 'error' : /^\[warn\]/.test(message) ? 'warn' : 'info';
      return { level, message: message.replace(/^\[(info|warn|error)\] /, ''), ...(isLogDetail(detail) ? { detail } : {}) };
    }),
  };
}
