// The learning-rate finder's result: loss against learning rate (log x), the suggested rate marked, and one
// click to put it into the training settings.
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../../shared/i18n/i18n';
import { useGraphStore, useUi } from '../../store/stores';
import { fmt } from '../format';
import { SvgPlot } from './SvgPlot';
import { useLrFinder } from './lrFinderStore';

export function LrFinderDialog() {
  const { open, running, result, error, close } = useLrFinder();
  const current = useGraphStore((s) => s.graph.training.learningRate);
  const { t } = useTranslation(['training']);
  if (!open) return null;
  const use = (lr: number) => {
    const rounded = Number(lr.toPrecision(2));
    useGraphStore.getState().setTraining({ learningRate: rounded });
    useUi.getState().toast(i18n.t('training:lrFinder.setToast', { lr: rounded, was: current }), 'info');
    close();
  };
  return (
    <div className="ll-modal-backdrop" onMouseDown={close}>
      <div className="ll-modal ll-lrfinder" role="dialog" aria-modal="true" aria-label={t('training:lrFinder.title')} data-testid="lr-finder" onMouseDown={(e) => e.stopPropagation()}>
        <h2>{t('training:lrFinder.title')}</h2>
        <p className="ll-muted ll-small">
          {t('training:lrFinder.intro')}
        </p>
        {running && (
          <div role="status" data-testid="lr-finder-running">
            {t('training:lrFinder.running')}
          </div>
        )}
        {error && (
          <div className="ll-error-box" role="alert" data-testid="lr-finder-error">
            {error}
          </div>
        )}
        {result && (
          <>
            <SvgPlot
              testId="lr-finder-chart"
              logX
              xLabel={t('training:lrFinder.xLabel')}
              lines={[
                { xs: result.lrs, ys: result.losses, color: 'rgba(96, 165, 250, 0.45)', label: t('training:lrFinder.lossPerBatch'), width: 1 },
                { xs: result.lrs, ys: result.smoothed, color: '#f59e0b', label: t('training:lrFinder.smoothedLoss'), width: 2 },
              ]}
              marker={result.suggestion ? { x: result.suggestion, label: t('training:lrFinder.suggestedMarker', { lr: fmt(result.suggestion) }) } : undefined}
            />
            <div className="ll-legend ll-small">
              <span className="ll-legend-item"><i style={{ background: 'rgba(96, 165, 250, 0.7)' }} />{t('training:lrFinder.lossPerBatch')}</span>
              <span className="ll-legend-item"><i style={{ background: '#f59e0b' }} />{t('training:lrFinder.smoothedLoss')}</span>
            </div>
            <p className="ll-small" data-testid="lr-finder-summary">
              {result.suggestion
                ? <>{t('training:lrFinder.suggested')} <strong data-testid="lr-finder-suggestion" data-value={result.suggestion}>{fmt(result.suggestion)}</strong>{t('training:lrFinder.suggestedWhy')}</>
                : t('training:lrFinder.noSuggestion')}
              {result.steepest ? ` ${t('training:lrFinder.steepest', { lr: fmt(result.steepest) })}` : ''}
              {result.stopReason ? ` ${t('training:lrFinder.stopped', { reason: result.stopReason })}` : ''} {t('training:lrFinder.now', { lr: current })}
            </p>
          </>
        )}
        <div className="ll-modal-buttons">
          {result?.suggestion && (
            <button type="button" className="ll-btn ll-btn-primary" data-testid="lr-finder-use" onClick={() => use(result.suggestion!)}>
              {t('training:lrFinder.use', { lr: Number(result.suggestion.toPrecision(2)) })}
            </button>
          )}
          <button type="button" className="ll-btn" data-testid="lr-finder-close" onClick={close}>
            {t('training:lrFinder.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Opens the finder on the graph on screen. */
export function LrFinderButton({ label }: { label?: string }) {
  const running = useLrFinder((s) => s.running);
  const { t } = useTranslation(['training']);
  return (
    <button
      type="button"
      className="ll-btn ll-btn-small"
      data-testid="lr-finder-open"
      title={t('training:lrFinder.buttonTitle')}
      onClick={() => void useLrFinder.getState().run()}
    >
      {running ? t('training:lrFinder.finding') : (label ?? t('training:lrFinder.open'))}
    </button>
  );
}
