// Bottom panel: tabs for the live run, the stored runs and experiments. The live view has loss, accuracy and
// learning-rate charts, progress with ETA and speed, the backend, pause / resume / stop, errors with hints.
import './panels.css';
import { useExperiments, useTraining } from '../store/stores';
import { useBottomPanel, type BottomTab } from '../store/bottomPanelStore';
import { useRuns } from '../store/stores';
import { LineChart } from './LineChart';
import { ChartControls } from './ChartControls';
import { useChartOptions } from './chartOptions';
import { accuracyOf, formatDuration, isActive, type TrainStatus } from './trainState';
import { startTraining, stopTraining } from './actions';
import { engineLabel, fmt } from './format';
import { RunsPanel } from '../runs/RunsPanel';
import { ExperimentsPanel } from '../experiments/ExperimentsPanel';

const ACC_RANGE: [number, number] = [0, 1];

const STATUS_TEXT: Record<TrainStatus, string> = {
  idle: 'Not trained yet',
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopping…',
  completed: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'live', label: 'Training' },
  { id: 'runs', label: 'Runs' },
  { id: 'experiments', label: 'Experiments' },
];

export function TrainingPanel() {
  const { tab, setTab } = useBottomPanel();
  return (
    <section className={`ll-bottom ll-bottom-${tab}`} aria-label="Training">
      <nav className="ll-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`ll-tab${tab === t.id ? ' active' : ''}`}
            data-testid={`tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {tab === 'live' && <LiveView />}
      {tab === 'runs' && <RunsPanel />}
      {tab === 'experiments' && <ExperimentsPanel />}
    </section>
  );
}

function LiveView() {
  const t = useTraining();
  const { smoothing, logLoss } = useChartOptions();
  const active = isActive(t.status);
  const plannedSteps = t.epochs * t.batchesPerEpoch;
  const pct = Math.round(Math.min(1, Math.max(0, t.progress)) * 100);
  const epochText = t.epochs > 0 ? `epoch ${Math.min(t.epoch + 1, t.epochs)}/${t.epochs}` : '';
  // Live batch numbers while running; the last epoch's (the run's result) once it ends.
  const metrics = active ? (t.lastBatch ?? t.lastEpoch) : (t.lastEpoch ?? t.lastBatch);
  const hasLr = t.lastEpoch?.lr !== undefined;
  const experiment = useExperiments((s) => (s.current && (s.current.status === 'running' || s.current.status === 'paused') ? s.current : null));

  const showRun = () => {
    if (!t.runId) return;
    useBottomPanel.getState().setTab('runs');
    void useRuns.getState().refresh().then(() => useRuns.getState().open(t.runId));
  };

  return (
    <div className={`ll-train${hasLr ? ' with-lr' : ''}`}>
      <div className="ll-train-side">
        <div className="ll-train-status">
          <span className={`ll-dot ll-dot-${t.status}`} aria-hidden />
          <span data-testid="train-status" data-status={t.status}>
            {STATUS_TEXT[t.status]}
          </span>
          {t.backend && (
            <span className="ll-badge" title={t.backend.reason} data-testid="train-backend" data-engine={t.engine ? 'pytorch' : 'tfjs'}>
              {t.engine ? engineLabel(t.engine) : t.backend.name}
            </span>
          )}
          <div className="ll-train-buttons">
            {t.status === 'running' && (
              <button type="button" className="ll-btn ll-btn-small" data-testid="train-pause" onClick={() => void useTraining.getState().pause()}>
                ❚❚ Pause
              </button>
            )}
            {t.status === 'paused' && (
              <button type="button" className="ll-btn ll-btn-small" data-testid="train-resume" onClick={() => void useTraining.getState().resume()}>
                ▶ Resume
              </button>
            )}
            {active ? (
              <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="train-stop" onClick={stopTraining} disabled={t.status === 'stopping'}>
                ■ Stop
              </button>
            ) : (
              <button type="button" className="ll-btn ll-btn-small ll-btn-primary" data-testid="train-start" onClick={startTraining}>
                ▶ Train
              </button>
            )}
          </div>
        </div>
        <div
          className="ll-progress"
          role="progressbar"
          aria-label="Training progress"
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
          <span data-testid="train-eta" title="Estimated time left">
            {active && t.etaSec > 0 ? `ETA ${formatDuration(t.etaSec)}` : t.durationMs > 0 ? `took ${formatDuration(t.durationMs / 1000)}` : ''}
          </span>
          <span data-testid="train-speed">{t.samplesPerSec > 0 ? `${Math.round(t.samplesPerSec).toLocaleString('en-US')} samples/s` : ''}</span>
        </div>
        {metrics && (
          <dl className="ll-train-metrics" data-testid="train-metrics">
            <div>
              <dt>loss</dt>
              <dd>{fmt(metrics.loss)}</dd>
            </div>
            <div>
              <dt>acc</dt>
              <dd>{fmt(accuracyOf(metrics))}</dd>
            </div>
            {t.lastEpoch && (
              <>
                <div>
                  <dt>val loss</dt>
                  <dd>{fmt(t.lastEpoch.val_loss)}</dd>
                </div>
                <div>
                  <dt>val acc</dt>
                  <dd>{fmt(accuracyOf(t.lastEpoch, 'val_'))}</dd>
                </div>
              </>
            )}
          </dl>
        )}
        {t.stopReason && <div className="ll-train-log ll-log-info">{t.stopReason}</div>}
        {(t.evaluation || (!active && t.runId && t.status !== 'idle')) && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="train-show-run" onClick={showRun}>
            {t.evaluation ? `Evaluation: ${t.evaluation.accuracy !== undefined ? `${(t.evaluation.accuracy * 100).toFixed(1)}% test acc` : `test loss ${fmt(t.evaluation.loss)}`} ›` : 'Show in Runs ›'}
          </button>
        )}
        {t.status === 'failed' && t.error && (
          <div className="ll-error-box" role="alert" data-testid="train-error">
            <div>{t.error}</div>
            {t.hint && <div className="ll-hint">{t.hint}</div>}
            {t.log.length > 0 && (
              <details>
                <summary>log ({t.log.length} lines)</summary>
                <pre className="ll-log-pre">{t.log.map((l) => `[${l.level}] ${l.message}`).join('\n')}</pre>
              </details>
            )}
          </div>
        )}
        {t.log.length > 0 && t.status !== 'failed' && (
          <div className={`ll-train-log ll-log-${t.log[t.log.length - 1].level}`} data-testid="train-log" title={t.log.map((l) => l.message).join('\n')}>
            {t.log[t.log.length - 1].message}
          </div>
        )}
        {experiment && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="train-experiment-link" onClick={() => useBottomPanel.getState().setTab('experiments')}>
            Experiment {experiment.status}: {experiment.finishedCount}/{experiment.trialCount} trials ›
          </button>
        )}
        <ChartControls />
      </div>
      <LineChart title="Loss" series={t.series.loss} plannedSteps={plannedSteps} testId="chart-loss" smoothing={smoothing} logY={logLoss} />
      <LineChart title="Accuracy" series={t.series.accuracy} plannedSteps={plannedSteps} fixedY={ACC_RANGE} testId="chart-accuracy" smoothing={smoothing} />
      {hasLr && <LineChart title="Learning rate" series={t.series.learningRate} plannedSteps={plannedSteps} testId="chart-lr" />}
    </div>
  );
}
