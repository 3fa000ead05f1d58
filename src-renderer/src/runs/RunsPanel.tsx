// Stored runs: a list with status, final metrics, backend and duration; tick 2+ to overlay their loss
// curves; open one to see its details (error, hint and log for a failed run; evaluation results), re-open
// its graph into the canvas exactly as it was trained, or delete it.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../shared/i18n/i18n';
import type { RunRecord, RunStatus, RunSummary } from '../../../shared/api';
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
import { errorText } from '../../../shared/i18n/error-text';
import { logLineText, storedLogLine } from '../../../shared/i18n/log-text';
import { formatDateTime, formatDateTimeShort } from '../../../shared/i18n/format';
import { datasetName, lossName } from '../inspector/settingNames';

const RUN_STATUS_KEY = {
  running: 'training:runs.status.running',
  completed: 'training:runs.status.completed',
  stopped: 'training:runs.status.stopped',
  failed: 'training:runs.status.failed',
} as const satisfies Record<RunStatus, string>;

export async function reopenRun(run: RunRecord): Promise<void> {
  const { dirty, graph } = useGraphStore.getState();
  if (dirty && !(await useUi.getState().ask(i18n.t('training:runs.discardTitle'), i18n.t('training:runs.discardText', { name: graph.name }), i18n.t('training:runs.discard')))) return;
  useGraphStore.getState().load(structuredClone(run.graph), null);
  useUi.getState().toast(i18n.t('training:runs.opened', { name: run.name }), 'info', 'file');
}

/** The graph on screen's id, for "this graph" filters and "another graph" labels. */
function useGraphId(): string | null {
  return useGraphStore((s) => graphIdOf(s.graph));
}

/** "Look inside" opens the per-layer activations of one input (computed only when asked). */
function LookInside({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation(['training']);
  return (
    <details className="ll-inspect-details" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="run-inspect">
      <summary>{t('training:runs.lookInside')}</summary>
      {open && <InspectPanel runId={runId} />}
    </details>
  );
}

function RunRow({ run, selected, open, colorIndex, other }: { run: RunSummary; selected: boolean; open: boolean; colorIndex: number; other: boolean }) {
  const { toggle, open: show } = useRuns.getState();
  const f = run.final;
  const { t } = useTranslation(['training']);
  return (
    <tr className={`${open ? 'open' : ''}`} data-testid={`run-row-${run.id}`} data-status={run.status} data-other-graph={other} onClick={() => void show(run.id)}>
      <td onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={selected} aria-label={t('training:runs.overlayAria', { name: run.name })} data-testid={`run-select-${run.id}`} onChange={() => toggle(run.id)} />
        {selected && <i className="ll-swatch" style={{ background: RUN_COLORS[colorIndex % RUN_COLORS.length] }} />}
      </td>
      <td className="ll-run-name" title={run.name}>
        {run.name}
        {run.experimentId && <span className="ll-badge">{t('training:runs.expBadge')}</span>}
        {run.imported && (
          <span className="ll-badge" data-testid="run-imported-badge" title={t('training:runs.importedTitle', { file: run.imported.file, opset: run.imported.opset, producer: run.imported.producer })}>
            {t('training:runs.imported')}
          </span>
        )}
        {other && <OtherGraphBadge name={run.name} />}
      </td>
      <td>
        <span className={`ll-status ll-status-${run.status}`}>{t(RUN_STATUS_KEY[run.status])}</span>
      </td>
      <td className="ll-mono">{fmt(f?.loss)}</td>
      <td className="ll-mono">{fmt(f?.val_loss)}</td>
      <td className="ll-mono">{fmt(f ? accuracyOf(f, 'val_') : undefined, 3)}</td>
      <td>{run.epochs}</td>
      <td>{run.engine ? engineLabel(run.engine) : run.imported ? t('training:runs.onnxFile') : (run.backend ?? '—')}</td>
      <td>{formatDuration(run.durationMs / 1000)}</td>
      <td className="ll-muted ll-run-started" title={formatDateTime(new Date(run.startedAt))}>
        {formatDateTimeShort(new Date(run.startedAt))}
      </td>
    </tr>
  );
}

function Overlay({ ids }: { ids: string[] }) {
  const [records, setRecords] = useState<RunRecord[]>([]);
  const graphId = useGraphId();
  const { smoothing, logLoss } = useChartOptions();
  const { t } = useTranslation(['training']);
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => useRuns.getState().record(id))).then((r) => live && setRecords(r), () => {});
    return () => {
      live = false;
    };
  }, [ids]);
  const labelOf = useMemo(() => (r: RunRecord) => (isOtherGraph(graphIdOf(r.graph), graphId) ? t('training:runs.otherGraphLabel', { name: r.name }) : r.name), [graphId, t]);
  const series = useMemo(() => overlaySeries(records, undefined, labelOf), [records, labelOf]);
  const legend = useMemo(() => records.map((r, i) => ({ label: labelOf(r), color: RUN_COLORS[i % RUN_COLORS.length] })), [records, labelOf]);
  return (
    <div className="ll-runs-overlay" data-testid="runs-overlay" data-runs={records.length}>
      <LineChart title={t('training:runs.overlayTitle', { count: records.length })} series={series} plannedSteps={0} testId="chart-overlay" smoothing={smoothing} logY={logLoss} legend={legend} />
    </div>
  );
}

function RunDetail({ id }: { id: string }) {
  const record = useRuns((s) => s.records[id]);
  const remove = useRuns((s) => s.remove);
  const graphId = useGraphId();
  const { t } = useTranslation(['training']);
  if (!record) return <div className="ll-muted">{t('training:runs.loading')}</div>;
  const other = isOtherGraph(graphIdOf(record.graph), graphId);
  const onDelete = async () => {
    if (!(await useUi.getState().ask(t('training:runs.deleteTitle'), t('training:runs.deleteText', { name: record.name }), t('training:runs.delete')))) return;
    try {
      await remove(record.id);
    } catch (err) {
      useUi.getState().toast(t('training:runs.deleteFailed', { error: errorText(err) }), 'error');
    }
  };
  return (
    <div className="ll-run-detail" data-testid="run-detail" data-other-graph={other}>
      <header>
        <strong>{record.name}</strong>
        <span className={`ll-status ll-status-${record.status}`}>{t(RUN_STATUS_KEY[record.status])}</span>
        {other && <OtherGraphBadge name={record.graph.name} />}
        <div className="ll-spacer" />
        {record.status !== 'failed' && <TryButton runId={record.id} runName={record.name} />}
        <button type="button" className="ll-btn ll-btn-small" data-testid="run-reopen" onClick={() => void reopenRun(record)}>
          {t('training:runs.openInCanvas')}
        </button>
        <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="run-delete" onClick={() => void onDelete()} disabled={record.status === 'running'}>
          {t('training:runs.delete')}
        </button>
      </header>
      <div className="ll-muted ll-small">
        {record.training.optimizer} · lr {record.training.learningRate} · {t('training:runs.batch', { size: record.training.batchSize })} · {lossName(record.training.loss, i18n.language)} ·{' '}
        {t('training:runs.dataset', { id: datasetName(record.dataset.id, i18n.language) })}
        {record.dataset.limit ? ` ${t('training:runs.limit', { limit: record.dataset.limit })}` : ''}
        {record.stopReason ? ` · ${logLineText(record.stopReason, record.stopDetail)}` : ''}
        {record.bestEpoch !== undefined ? ` · ${t('training:runs.bestEpoch', { epoch: record.bestEpoch + 1 })}` : ''}
      </div>
      {other && (
        <div className="ll-note-box" data-testid="run-other-graph-note">
          {t('training:runs.otherGraphNote', { name: record.graph.name })}
        </div>
      )}
      {record.status !== 'failed' && <ExportRun runId={record.id} disabled={record.status === 'running'} />}
      {record.status !== 'failed' && record.status !== 'running' && <LookInside runId={record.id} />}
      {record.status === 'failed' && (
        <div className="ll-error-box" role="alert" data-testid="run-error">
          <div>{record.error ?? t('training:runs.failed')}</div>
        </div>
      )}
      {record.evaluation ? <EvaluationView evaluation={record.evaluation} /> : record.status !== 'failed' && <div className="ll-muted ll-small">{t('training:runs.noEvaluation')}</div>}
      {record.log.length > 0 && (
        <details open={record.status === 'failed'}>
          <summary>{t('training:runs.logLines', { count: record.log.length })}</summary>
          <pre className="ll-log-pre" data-testid="run-log">
            {record.log.map((line, i) => storedLogLine(line, record.logDetails?.[i])).join('\n')}
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
  const { t } = useTranslation(['training']);
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
          <div className="ll-segmented" role="radiogroup" aria-label={t('training:runs.whichRuns')}>
            <button type="button" role="radio" aria-checked={scope === 'graph'} className={scope === 'graph' ? 'active' : ''} data-testid="runs-scope-graph" onClick={() => setScope('graph')}>
              {t('training:runs.thisGraph', { count: mine.length })}
            </button>
            <button type="button" role="radio" aria-checked={scope === 'all'} className={scope === 'all' ? 'active' : ''} data-testid="runs-scope-all" onClick={() => setScope('all')}>
              {t('training:runs.allRuns', { count: allRuns.length })}
            </button>
          </div>
          <button type="button" className="ll-btn ll-btn-small" data-testid="runs-refresh" onClick={() => void refresh()} disabled={loading}>
            ↻ {t('training:runs.refresh')}
          </button>
          <span className="ll-muted ll-small">{selected.length >= 2 ? t('training:runs.overlaid', { count: selected.length }) : t('training:runs.tickToCompare')}</span>
          <ChartControls />
        </div>
        {error && <div className="ll-error-box">{error}</div>}
        {runs.length === 0 ? (
          <div className="ll-muted ll-empty" data-testid="runs-empty">
            {scope === 'graph' && allRuns.length > 0 ? (
              <>
                {t('training:runs.noRunsThisGraph')}{' '}
                <button type="button" className="ll-link" onClick={() => setScope('all')}>
                  {t('training:runs.showAll', { count: allRuns.length })}
                </button>
              </>
            ) : (
              t('training:runs.noRuns')
            )}
          </div>
        ) : (
          <table className="ll-table" data-testid="runs-table">
            <thead>
              <tr>
                <th />
                <th>{t('training:runs.col.run')}</th>
                <th>{t('training:runs.col.status')}</th>
                <th>{t('training:runs.col.loss')}</th>
                <th>{t('training:runs.col.valLoss')}</th>
                <th>{t('training:metrics.valAcc')}</th>
                <th>{t('training:runs.col.epochs')}</th>
                <th>{t('training:runs.col.backend')}</th>
                <th>{t('training:runs.col.took')}</th>
                <th>{t('training:runs.col.started')}</th>
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
        {openId && (scope === 'all' || runs.some((r) => r.id === openId)) ? <RunDetail id={openId} /> : selected.length < 2 && <div className="ll-muted ll-empty">{t('training:runs.clickRun')}</div>}
      </div>
    </div>
  );
}
