// Bottom panel: live loss and accuracy charts, progress with ETA and speed, backend, errors with hints.
import { useTraining } from '../store/stores';
import { LineChart } from './LineChart';
import { accuracyOf, formatDuration, isActive, type TrainStatus } from './trainState';
import { startTraining, stopTraining } from './actions';

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

function fmt(v: number | undefined, digits = 4): string {
  return v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();
}

export function TrainingPanel() {
  const t = useTraining();
  const active = isActive(t.status);
  const plannedSteps = t.epochs * t.batchesPerEpoch;
  const pct = Math.round(Math.min(1, Math.max(0, t.progress)) * 100);
  const epochText = t.epochs > 0 ? `epoch ${Math.min(t.epoch + 1, t.epochs)}/${t.epochs}` : '';
  // Live batch numbers while running; the last epoch's (the run's result) once it ends.
  const metrics = active ? (t.lastBatch ?? t.lastEpoch) : (t.lastEpoch ?? t.lastBatch);

  return (
    <section className="ll-train" aria-label="Training">
      <div className="ll-train-side">
        <div className="ll-train-status">
          <span className={`ll-dot ll-dot-${t.status}`} aria-hidden />
          <span data-testid="train-status" data-status={t.status}>
            {STATUS_TEXT[t.status]}
          </span>
          {t.backend && (
            <span className="ll-badge" title={t.backend.reason} data-testid="train-backend">
              {t.backend.name}
            </span>
          )}
          <div className="ll-train-buttons">
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
        {t.status === 'failed' && t.error && (
          <div className="ll-error-box" role="alert" data-testid="train-error">
            <div>{t.error}</div>
            {t.hint && <div className="ll-hint">{t.hint}</div>}
          </div>
        )}
        {t.log.length > 0 && t.status !== 'failed' && (
          <div className={`ll-train-log ll-log-${t.log[t.log.length - 1].level}`} data-testid="train-log" title={t.log.map((l) => l.message).join('\n')}>
            {t.log[t.log.length - 1].message}
          </div>
        )}
      </div>
      <LineChart title="Loss" series={t.series.loss} plannedSteps={plannedSteps} testId="chart-loss" />
      <LineChart title="Accuracy" series={t.series.accuracy} plannedSteps={plannedSteps} fixedY={ACC_RANGE} testId="chart-accuracy" />
    </section>
  );
}
