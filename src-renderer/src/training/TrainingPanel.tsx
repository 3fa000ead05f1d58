// Bottom panel: tabs for the lesson, the graph's training, the stored runs and experiments; collapsible to its
// tab strip. The Training tab shows the graph on screen only: its live run, else its last stored run, else
// "Not trained yet"; a run of another graph still training is named as such, never shown as this graph's.
import './panels.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EvaluationResult } from '../../../shared/api';
import { logLineText } from '../../../shared/i18n/log-text';
import { graphIdOf } from '../../../shared/graph/identity';
import { lessonOf } from '../../../shared/graph/lesson';
import { useExperiments, useGraphStore, useRuns, useTraining } from '../store/stores';
import { useBottomPanel, type BottomTab } from '../store/bottomPanelStore';
import { LineChart } from './LineChart';
import { ChartControls } from './ChartControls';
import { useChartOptions } from './chartOptions';
import { IDLE, accuracyOf, formatDuration, isActive, type TrainStatus, type TrainView } from './trainState';
import { startTraining, stopTraining } from './actions';
import { engineLabel, fmt } from './format';
import { RunSeries } from './series';
import { shownRun, viewOfRecord } from './graphResults';
import { RunsPanel } from '../runs/RunsPanel';
import { ExperimentsPanel } from '../experiments/ExperimentsPanel';
import { LessonPanel } from '../lesson/LessonPanel';
import { TryButton } from '../try/TryPanel';
import { LayersView } from './diagnostics/LayersView';
import { LrFinderButton, LrFinderDialog } from './diagnostics/LrFinderDialog';
import { formatDateTime } from '../../../shared/i18n/format';

const ACC_RANGE: [number, number] = [0, 1];

export const STATUS_KEY = {
  idle: 'training:status.idle',
  starting: 'training:status.starting',
  running: 'training:status.running',
  paused: 'training:status.paused',
  stopping: 'training:status.stopping',
  completed: 'training:status.completed',
  stopped: 'training:status.stopped',
  failed: 'training:status.failed',
} as const satisfies Record<TrainStatus, string>;

const TABS = [
  { id: 'lesson', label: 'training:tabs.lesson' },
  { id: 'live', label: 'training:tabs.live' },
  { id: 'runs', label: 'training:tabs.runs' },
  { id: 'experiments', label: 'training:tabs.experiments' },
] as const satisfies readonly { id: BottomTab; label: string }[];

/** A newly opened graph with a lesson shows it (unless the user is looking at runs or experiments); one without leaves the Lesson tab. */
function useLessonFollowsDocument(): void {
  useEffect(() => {
    const follow = (hasLesson: boolean) => {
      const { tab, setTab } = useBottomPanel.getState();
      if (hasLesson && (tab === 'live' || tab === 'lesson')) setTab('lesson');
      else if (!hasLesson && tab === 'lesson') setTab('live');
    };
    follow(lessonOf(useGraphStore.getState().graph) !== null);
    return useGraphStore.subscribe((s, prev) => {
      if (s.docVersion !== prev.docVersion) follow(lessonOf(s.graph) !== null);
    });
  }, []);
}

export function TrainingPanel() {
  const { tab, setTab, collapsed, setCollapsed } = useBottomPanel();
  const { t } = useTranslation(['training']);
  useLessonFollowsDocument();
  return (
    <section className={`ll-bottom ll-bottom-${tab}${collapsed ? ' collapsed' : ''}`} aria-label={t('training:panel.aria')} data-testid="bottom-panel" data-collapsed={collapsed}>
      <nav className="ll-tabs" role="tablist">
        {TABS.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={tab === x.id && !collapsed}
            className={`ll-tab${tab === x.id && !collapsed ? ' active' : ''}`}
            data-testid={`tab-${x.id}`}
            onClick={() => setTab(x.id)}
          >
            {t(x.label)}
          </button>
        ))}
        <div className="ll-spacer" />
        <button
          type="button"
          className="ll-tab ll-tab-collapse"
          data-testid="bottom-collapse"
          aria-expanded={!collapsed}
          title={collapsed ? t('training:panel.showTitle') : t('training:panel.hideTitle')}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? `▴ ${t('training:panel.show')}` : `▾ ${t('training:panel.hide')}`}
        </button>
      </nav>
      {!collapsed && tab === 'lesson' && <LessonPanel />}
      {!collapsed && tab === 'live' && <LiveView />}
      {!collapsed && tab === 'runs' && <RunsPanel />}
      {!collapsed && tab === 'experiments' && <ExperimentsPanel />}
    </section>
  );
}

const EMPTY_SERIES = new RunSeries();

/** A stored run replayed into a view and chart series, fetched when `runId` changes. */
function useStoredRun(runId: string | null): { view: TrainView; series: RunSeries } | null {
  const [state, setState] = useState<{ runId: string; view: TrainView; series: RunSeries } | null>(null);
  useEffect(() => {
    if (!runId) return;
    let live = true;
    void useRuns
      .getState()
      .record(runId)
      .then(
        (rec) => {
          if (!live) return;
          const series = new RunSeries();
          setState({ runId, view: viewOfRecord(rec, series), series });
        },
        () => {},
      );
    return () => {
      live = false;
    };
  }, [runId]);
  return state && state.runId === runId ? state : null;
}

function evaluationText(e: EvaluationResult, t: TFunction<['training']>): string {
  if (e.accuracy !== undefined) {
    const pct = (e.accuracy * 100).toFixed(1);
    return e.split === 'test' ? t('training:panel.evalTestAcc', { pct }) : t('training:panel.evalValAcc', { pct });
  }
  return e.split === 'test' ? t('training:panel.evalTestLoss', { loss: fmt(e.loss) }) : t('training:panel.evalValLoss', { loss: fmt(e.loss) });
}

function LiveView() {
  const { t: tr } = useTranslation(['training']);
  const live = useTraining();
  const graphId = useGraphStore((s) => graphIdOf(s.graph));
  const runs = useRuns((s) => s.runs);
  // A newly opened graph may have stored runs (a reopened file, a run's graph): look them up.
  useEffect(() => {
    void useRuns.getState().refresh();
  }, [graphId]);
  const shown = shownRun(graphId, live, runs);
  const stored = useStoredRun(shown.kind === 'stored' ? shown.runId : null);
  const t: TrainView = shown.kind === 'live' ? live : (stored?.view ?? IDLE);
  const series = shown.kind === 'live' ? live.series : (stored?.series ?? EMPTY_SERIES);
  const { smoothing, logLoss } = useChartOptions();
  const active = shown.kind === 'live' && isActive(t.status);
  const otherRunning = isActive(live.status) && live.graphId !== graphId;
  const plannedSteps = t.epochs * t.batchesPerEpoch;
  const pct = Math.round(Math.min(1, Math.max(0, t.progress)) * 100);
  // A run imported from an ONNX file was never trained here: no epochs to count.
  const imported = shown.kind === 'stored' ? runs.find((r) => r.id === shown.runId)?.imported : undefined;
  const epochText = imported ? tr('training:panel.imported') : t.epochs > 0 ? tr('training:panel.epochOf', { epoch: Math.min(t.epoch + 1, t.epochs), epochs: t.epochs }) : '';
  // Live batch numbers while running; the last epoch's (the run's result) once it ends.
  const metrics = active ? (t.lastBatch ?? t.lastEpoch) : (t.lastEpoch ?? t.lastBatch);
  const lrs = series.lrEpoch.ys;
  // A constant rate is a number, not a chart: the chart appears once a schedule changes it.
  const lrChanges = lrs.some((v) => v !== lrs[0]);
  const constantLr = !lrChanges && lrs.length > 0 ? lrs[0] : t.lastEpoch?.lr;
  const experiment = useExperiments((s) => (s.current && (s.current.status === 'running' || s.current.status === 'paused') ? s.current : null));
  const startedAt = shown.kind === 'stored' ? runs.find((r) => r.id === shown.runId)?.startedAt : undefined;
  const [chartView, setChartView] = useState<'metrics' | 'layers'>('metrics');
  const graph = useGraphStore((s) => s.graph);

  const showRun = (runId: string | null) => {
    if (!runId) return;
    useBottomPanel.getState().setTab('runs');
    void useRuns.getState().refresh().then(() => useRuns.getState().open(runId));
  };

  return (
    <div className={`ll-train${lrChanges && chartView === 'metrics' ? ' with-lr' : ''}${chartView === 'layers' ? ' with-layers' : ''}`} data-testid="train-view" data-source={shown.kind}>
      <LrFinderDialog />
      <div className="ll-train-side">
        {otherRunning && (
          <div className="ll-other-run" role="status" data-testid="train-other-graph">
            <span>
              {tr('training:panel.otherTraining')} <strong>{live.graphName || tr('training:panel.anotherGraph')}</strong> {tr('training:panel.otherGraphSuffix')}{' '}
              {live.epochs > 0 ? tr('training:panel.epochOf', { epoch: Math.min(live.epoch + 1, live.epochs), epochs: live.epochs }) : tr(STATUS_KEY[live.status]).toLowerCase()}
            </span>
            <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="train-other-stop" onClick={stopTraining} disabled={live.status === 'stopping'}>
              ■ {tr('training:panel.stopOther')}
            </button>
          </div>
        )}
        <div className="ll-train-status">
          <span className={`ll-dot ll-dot-${t.status}`} aria-hidden />
          <span data-testid="train-status" data-status={t.status}>
            {shown.kind === 'stored' ? tr('training:panel.lastRunStatus', { status: tr(STATUS_KEY[t.status]).toLowerCase() }) : tr(STATUS_KEY[t.status])}
          </span>
          {t.backend && (
            <span className="ll-badge" title={t.backend.reason} data-testid="train-backend" data-engine={t.engine ? 'pytorch' : 'tfjs'}>
              {t.engine ? engineLabel(t.engine) : t.backend.name}
            </span>
          )}
          <div className="ll-train-buttons">
            {active && t.status === 'running' && (
              <button type="button" className="ll-btn ll-btn-small" data-testid="train-pause" onClick={() => void useTraining.getState().pause()}>
                ❚❚ {tr('training:panel.pause')}
              </button>
            )}
            {active && t.status === 'paused' && (
              <button type="button" className="ll-btn ll-btn-small" data-testid="train-resume" onClick={() => void useTraining.getState().resume()}>
                ▶ {tr('training:panel.resume')}
              </button>
            )}
            {active ? (
              <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="train-stop" onClick={stopTraining} disabled={t.status === 'stopping'}>
                ■ {tr('training:panel.stop')}
              </button>
            ) : (
              <button
                type="button"
                className="ll-btn ll-btn-small ll-btn-primary"
                data-testid="train-start"
                onClick={startTraining}
                disabled={otherRunning}
                title={otherRunning ? tr('training:panel.otherRunningTitle') : undefined}
              >
                ▶ {tr('training:panel.train')}
              </button>
            )}
          </div>
        </div>
        {shown.kind === 'stored' && startedAt && (
          <div className="ll-muted ll-small" data-testid="train-last-run">
            {tr('training:panel.lastRunAt', { when: formatDateTime(new Date(startedAt)) })}
          </div>
        )}
        <div
          className="ll-progress"
          role="progressbar"
          aria-label={tr('training:panel.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          data-testid="train-progress"
          data-progress={t.progress}
        >
          <div className="ll-progress-bar" style={{ width: `${pct}%` }} />
        </div>
        <div className="ll-train-numbers">
          <span data-testid="train-epoch">{epochText || '—'}</span>
          <span>{pct}%</span>
          <span data-testid="train-eta" title={tr('training:panel.etaTitle')}>
            {active && t.etaSec > 0 ? tr('training:panel.eta', { time: formatDuration(t.etaSec) }) : t.durationMs > 0 ? tr('training:panel.took', { time: formatDuration(t.durationMs / 1000) }) : ''}
          </span>
          <span data-testid="train-speed">{active && t.samplesPerSec > 0 ? tr('training:panel.samplesPerSec', { rate: Math.round(t.samplesPerSec).toLocaleString('en-US') }) : ''}</span>
        </div>
        {metrics && (
          <dl className="ll-train-metrics" data-testid="train-metrics">
            <div>
              <dt>{tr('training:runs.col.loss')}</dt>
              <dd>{fmt(metrics.loss)}</dd>
            </div>
            <div>
              <dt>{tr('training:runs.col.acc')}</dt>
              <dd>{fmt(accuracyOf(metrics))}</dd>
            </div>
            {t.lastEpoch && (
              <>
                <div>
                  <dt>{tr('training:metrics.valLoss')}</dt>
                  <dd>{fmt(t.lastEpoch.val_loss)}</dd>
                </div>
                <div>
                  <dt>{tr('training:metrics.valAcc')}</dt>
                  <dd>{fmt(accuracyOf(t.lastEpoch, 'val_'))}</dd>
                </div>
              </>
            )}
          </dl>
        )}
        {constantLr !== undefined && !lrChanges && (
          <div className="ll-muted ll-small" data-testid="train-lr-constant">
            {tr('training:panel.constantLr', { lr: fmt(constantLr) })}
          </div>
        )}
        {t.stopReason && <div className="ll-train-log ll-log-info" data-testid="train-stop-reason">{logLineText(t.stopReason, t.stopDetail)}</div>}
        {(t.evaluation || (!active && t.runId && t.status !== 'idle')) && (
          <button type="button" className="ll-btn ll-btn-small ll-btn-wrap" data-testid="train-show-run" onClick={() => showRun(t.runId)}>
            {t.evaluation ? `${tr('training:panel.evaluation', { result: evaluationText(t.evaluation, tr) })} ›` : `${tr('training:panel.showInRuns')} ›`}
          </button>
        )}
        {t.runId && (t.status === 'completed' || t.status === 'stopped') && <TryButton runId={t.runId} runName={runs.find((r) => r.id === t.runId)?.name ?? (shown.kind === 'live' ? live.graphName : '') ?? tr('training:panel.thisRun')} />}
        {t.status === 'failed' && t.error && (
          <div className="ll-error-box" role="alert" data-testid="train-error">
            <div>{t.error}</div>
            {t.hint && <div className="ll-hint">{t.hint}</div>}
            {t.log.length > 0 && (
              <details>
                <summary>{tr('training:panel.logLines', { count: t.log.length })}</summary>
                <pre className="ll-log-pre">{t.log.map((l) => `[${l.level}] ${logLineText(l.message, l.detail)}`).join('\n')}</pre>
              </details>
            )}
          </div>
        )}
        {t.log.length > 0 && t.status !== 'failed' && (
          <div className={`ll-train-log ll-log-${t.log[t.log.length - 1].level}`} data-testid="train-log" title={t.log.map((l) => logLineText(l.message, l.detail)).join('\n')}>
            {logLineText(t.log[t.log.length - 1].message, t.log[t.log.length - 1].detail)}
          </div>
        )}
        {experiment && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="train-experiment-link" onClick={() => useBottomPanel.getState().setTab('experiments')}>
            {tr(experiment.status === 'paused' ? 'training:panel.experimentPaused' : 'training:panel.experimentRunning', { done: experiment.finishedCount, total: experiment.trialCount })} ›
          </button>
        )}
      </div>
      {/* Above the charts, where a learner looks after a run (at the foot of the left column it was below the fold). */}
      <div className="ll-chart-bar">
        <div className="ll-chart-views" role="tablist" aria-label={tr('training:panel.charts')}>
          <button type="button" role="tab" className={`ll-btn ll-btn-small${chartView === 'metrics' ? ' active' : ''}`} aria-selected={chartView === 'metrics'} data-testid="charts-metrics" onClick={() => setChartView('metrics')}>
            {tr('training:panel.metricsView')}
          </button>
          <button type="button" role="tab" className={`ll-btn ll-btn-small${chartView === 'layers' ? ' active' : ''}`} aria-selected={chartView === 'layers'} data-testid="charts-layers" onClick={() => setChartView('layers')}>
            {tr('training:panel.layersView')}
          </button>
        </div>
        {!active && <LrFinderButton label={tr('training:lrFinder.short')} />}
        <div className="ll-spacer" />
        <ChartControls />
      </div>
      {chartView === 'layers' ? (
        <LayersView layers={series.layers} graph={graph} plannedSteps={plannedSteps} epochSteps={t.batchesPerEpoch} />
      ) : (
        <>
          <LineChart title={tr('training:chart.loss')} series={series.loss} plannedSteps={plannedSteps} epochSteps={t.batchesPerEpoch} testId="chart-loss" smoothing={smoothing} logY={logLoss} />
          <LineChart title={tr('training:chart.accuracy')} series={series.accuracy} plannedSteps={plannedSteps} epochSteps={t.batchesPerEpoch} fixedY={ACC_RANGE} testId="chart-accuracy" smoothing={smoothing} />
          {lrChanges && <LineChart title={tr('training:chart.learningRate')} series={series.learningRate} plannedSteps={plannedSteps} epochSteps={t.batchesPerEpoch} testId="chart-lr" />}
        </>
      )}
    </div>
  );
}
