// Stored runs: a list with status, final metrics, backend and duration; tick 2+ to overlay their loss
// curves; open one to see its details (error, hint and log for a failed run; evaluation results), re-open
// its graph into the canvas exactly as it was trained, or delete it.
import { useEffect, useMemo, useState } from 'react';
import type { RunRecord, RunSummary } from '../../../shared/api';
import { graphIdOf } from '../../../shared/graph/identity';
import { useGraphStore, useRuns, useTraining, useUi } from '../store/stores';
import { isOtherGraph } from '../training/graphResults';
import { OtherGraphBadge } from '../common/OtherGraphBadge';
import { LineChart } from '../training/LineChart';
import { ChartControls } from '../training/ChartControls';
import { useChartOptions } from '../training/chartOptions';
import { accuracyOf, formatDuration } from '../training/trainState';
import { engineLabel, fmt } from '../training/format';
import { overlaySeries, RUN_COLORS } from './overlay';
import { EvaluationView } from './EvaluationView';
import { ExportRun } from './ExportRun';
import { InspectPanel } from '../inspect/InspectPanel';
import { TryButton } from '../try/TryPanel';

export async function reopenRun(run: RunRecord): Promise<void> {
  const { dirty, graph } = useGraphStore.getState();
  if (dirty && !(await useUi.getState().ask('Discard unsaved changes?', `"${graph.name}" has changes that are not saved.`, 'Discard'))) return;
  useGraphStore.getState().load(structuredClone(run.graph), null);
  useUi.getState().toast(`Opened the graph of run "${run.name}"`, 'info', 'file');
}

/** The graph on screen's id, for "this graph" filters and "another graph" labels. */
function useGraphId(): string | null {
  return useGraphStore((s) => graphIdOf(s.graph));
}

/** "Look inside" opens the per-layer activations of one input (computed only when asked). */
function LookInside({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="ll-inspect-details" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="run-inspect">
      <summary>Look inside: every layer for one input</summary>
      {open && <InspectPanel runId={runId} />}
    </details>
  );
}

function RunRow({ run, selected, open, colorIndex, other }: { run: RunSummary; selected: boolean; open: boolean; colorIndex: number; other: boolean }) {
  const { toggle, open: show } = useRuns.getState();
  const f = run.final;
  return (
    <tr className={`${open ? 'open' : ''}`} data-testid={`run-row-${run.id}`} data-status={run.status} data-other-graph={other} onClick={() => void show(run.id)}>
      <td onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={selected} aria-label={`Overlay ${run.name}`} data-testid={`run-select-${run.id}`} onChange={() => toggle(run.id)} />
        {selected && <i className="ll-swatch" style={{ background: RUN_COLORS[colorIndex % RUN_COLORS.length] }} />}
      </td>
      <td className="ll-run-name" title={run.name}>
        {run.name}
        {run.experimentId && <span className="ll-badge">exp</span>}
        {run.imported && (
          <span className="ll-badge" data-testid="run-imported-badge" title={`Weights imported from ${run.imported.file} (ONNX opset ${run.imported.opset}, ${run.imported.producer}); not trained here, so no curves`}>
            imported
          </span>
        )}
        {other && <OtherGraphBadge name={run.name} />}
      </td>
      <td>
        <span className={`ll-status ll-status-${run.status}`}>{run.status}</span>
      </td>
      <td className="ll-mono">{fmt(f?.loss)}</td>
      <td className="ll-mono">{fmt(f?.val_loss)}</td>
      <td className="ll-mono">{fmt(f ? accuracyOf(f, 'val_') ?? accuracyOf(f) : undefined, 3)}</td>
      <td>{run.epochs}</td>
      <td>{run.engine ? engineLabel(run.engine) : run.imported ? 'ONNX file' : (run.backend ?? '—')}</td>
      <td>{formatDuration(run.durationMs / 1000)}</td>
      <td className="ll-muted">{new Date(run.startedAt).toLocaleString()}</td>
    </tr>
  );
}

function Overlay({ ids }: { ids: string[] }) {
  const [records, setRecords] = useState<RunRecord[]>([]);
  const graphId = useGraphId();
  const { smoothing, logLoss } = useChartOptions();
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => useRuns.getState().record(id))).then((r) => live && setRecords(r), () => {});
    return () => {
      live = false;
    };
  }, [ids]);
  const labelOf = useMemo(() => (r: RunRecord) => (isOtherGraph(graphIdOf(r.graph), graphId) ? `${r.name} (other graph)` : r.name), [graphId]);
  const series = useMemo(() => overlaySeries(records, undefined, labelOf), [records, labelOf]);
  const legend = useMemo(() => records.map((r, i) => ({ label: labelOf(r), color: RUN_COLORS[i % RUN_COLORS.length] })), [records, labelOf]);
  return (
    <div className="ll-runs-overlay" data-testid="runs-overlay" data-runs={records.length}>
      <LineChart title={`Loss of ${records.length} runs`} series={series} plannedSteps={0} testId="chart-overlay" smoothing={smoothing} logY={logLoss} legend={legend} />
    </div>
  );
}

function RunDetail({ id }: { id: string }) {
  const record = useRuns((s) => s.records[id]);
  const remove = useRuns((s) => s.remove);
  const graphId = useGraphId();
  if (!record) return <div className="ll-muted">Loading run…</div>;
  const other = isOtherGraph(graphIdOf(record.graph), graphId);
  const onDelete = async () => {
    if (!(await useUi.getState().ask('Delete this run?', `"${record.name}" and its weights will be removed.`, 'Delete'))) return;
    try {
      await remove(record.id);
    } catch (err) {
      useUi.getState().toast(`Could not delete: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  };
  return (
    <div className="ll-run-detail" data-testid="run-detail" data-other-graph={other}>
      <header>
        <strong>{record.name}</strong>
        <span className={`ll-status ll-status-${record.status}`}>{record.status}</span>
        {other && <OtherGraphBadge name={record.graph.name} />}
        <div className="ll-spacer" />
        {record.status !== 'failed' && <TryButton runId={record.id} runName={record.name} />}
        <button type="button" className="ll-btn ll-btn-small" data-testid="run-reopen" onClick={() => void reopenRun(record)}>
          Open in canvas
        </button>
        <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="run-delete" onClick={() => void onDelete()} disabled={record.status === 'running'}>
          Delete
        </button>
      </header>
      <div className="ll-muted ll-small">
        {record.training.optimizer} · lr {record.training.learningRate} · batch {record.training.batchSize} · {record.training.loss} · dataset {record.dataset.id}
        {record.dataset.limit ? ` (limit ${record.dataset.limit})` : ''}
        {record.stopReason ? ` · ${record.stopReason}` : ''}
        {record.bestEpoch !== undefined ? ` · best epoch ${record.bestEpoch + 1}` : ''}
      </div>
      {other && (
        <div className="ll-note-box" data-testid="run-other-graph-note">
          This run trained “{record.graph.name}”, not the graph on screen: its curves, evaluation and predictions are of that model. Open in canvas to work on it.
        </div>
      )}
      {record.status !== 'failed' && <ExportRun runId={record.id} disabled={record.status === 'running'} />}
      {record.status !== 'failed' && record.status !== 'running' && <LookInside runId={record.id} />}
      {record.status === 'failed' && (
        <div className="ll-error-box" role="alert" data-testid="run-error">
          <div>{record.error ?? 'The run failed.'}</div>
        </div>
      )}
      {record.evaluation ? <EvaluationView evaluation={record.evaluation} /> : record.status !== 'failed' && <div className="ll-muted ll-small">No evaluation stored for this run.</div>}
      {record.log.length > 0 && (
        <details open={record.status === 'failed'}>
          <summary>Log ({record.log.length} lines)</summary>
          <pre className="ll-log-pre" data-testid="run-log">
            {record.log.join('\n')}
          </pre>
        </details>
      )}
    </div>
  );
}

export function RunsPanel() {
  const { runs: allRuns, selected, openId, error, loading, refresh, scope, setScope } = useRuns();
  const graphId = useGraphId();
  const mine = useMemo(() => allRuns.filter((r) => !isOtherGraph(r.graphId, graphId)), [allRuns, graphId]);
  const runs = scope === 'graph' ? mine : allRuns;
  useEffect(() => {
    void refresh();
    // A run that starts or ends while the list is shown changes its rows.
    return useTraining.subscribe((s, prev) => {
      if (s.status !== prev.status || s.runId !== prev.runId) void refresh();
    });
  }, [refresh]);
  return (
    <div className="ll-runs" data-testid="runs-panel">
      <div className="ll-runs-list">
        <div className="ll-runs-toolbar">
          <div className="ll-segmented" role="radiogroup" aria-label="Which runs">
            <button type="button" role="radio" aria-checked={scope === 'graph'} className={scope === 'graph' ? 'active' : ''} data-testid="runs-scope-graph" onClick={() => setScope('graph')}>
              This graph ({mine.length})
            </button>
            <button type="button" role="radio" aria-checked={scope === 'all'} className={scope === 'all' ? 'active' : ''} data-testid="runs-scope-all" onClick={() => setScope('all')}>
              All runs ({allRuns.length})
            </button>
          </div>
          <button type="button" className="ll-btn ll-btn-small" data-testid="runs-refresh" onClick={() => void refresh()} disabled={loading}>
            ↻ Refresh
          </button>
          <span className="ll-muted ll-small">{selected.length >= 2 ? `${selected.length} runs overlaid` : 'Tick 2 or more runs to compare their loss curves'}</span>
          <ChartControls />
        </div>
        {error && <div className="ll-error-box">{error}</div>}
        {runs.length === 0 ? (
          <div className="ll-muted ll-empty" data-testid="runs-empty">
            {scope === 'graph' && allRuns.length > 0 ? (
              <>
                This graph has no runs yet.{' '}
                <button type="button" className="ll-link" onClick={() => setScope('all')}>
                  Show all {allRuns.length} runs
                </button>
              </>
            ) : (
              'No runs yet: train a model and it appears here.'
            )}
          </div>
        ) : (
          <table className="ll-table" data-testid="runs-table">
            <thead>
              <tr>
                <th />
                <th>Run</th>
                <th>Status</th>
                <th>loss</th>
                <th>val loss</th>
                <th>acc</th>
                <th>epochs</th>
                <th>backend</th>
                <th>took</th>
                <th>started</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <RunRow key={r.id} run={r} selected={selected.includes(r.id)} open={openId === r.id} colorIndex={selected.indexOf(r.id)} other={isOtherGraph(r.graphId, graphId)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="ll-runs-side">
        {selected.length >= 2 && <Overlay ids={selected} />}
        {openId && (scope === 'all' || runs.some((r) => r.id === openId)) ? <RunDetail id={openId} /> : selected.length < 2 && <div className="ll-muted ll-empty">Click a run to see its details and evaluation.</div>}
      </div>
    </div>
  );
}
