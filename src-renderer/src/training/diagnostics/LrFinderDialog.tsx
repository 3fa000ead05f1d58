// The learning-rate finder's result: loss against learning rate (log x), the suggested rate marked, and one
// click to put it into the training settings.
import { useGraphStore, useUi } from '../../store/stores';
import { fmt } from '../format';
import { SvgPlot } from './SvgPlot';
import { useLrFinder } from './lrFinderStore';

export function LrFinderDialog() {
  const { open, running, result, error, close } = useLrFinder();
  const current = useGraphStore((s) => s.graph.training.learningRate);
  if (!open) return null;
  const use = (lr: number) => {
    const rounded = Number(lr.toPrecision(2));
    useGraphStore.getState().setTraining({ learningRate: rounded });
    useUi.getState().toast(`Learning rate set to ${rounded} (was ${current}).`, 'info');
    close();
  };
  return (
    <div className="ll-modal-backdrop" onMouseDown={close}>
      <div className="ll-modal ll-lrfinder" role="dialog" aria-modal="true" aria-label="Learning-rate finder" data-testid="lr-finder" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Learning-rate finder</h2>
        <p className="ll-muted ll-small">
          One short run of this graph that multiplies the learning rate by the same factor after every batch, from 1e-7 up to
          10, and stops once the loss blows up (Smith, 2017). Good rates lie where the loss falls fastest.
        </p>
        {running && (
          <div role="status" data-testid="lr-finder-running">
            Training about 100 batches with growing rates…
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
              xLabel="learning rate (log scale)"
              lines={[
                { xs: result.lrs, ys: result.losses, color: 'rgba(96, 165, 250, 0.45)', label: 'loss per batch', width: 1 },
                { xs: result.lrs, ys: result.smoothed, color: '#f59e0b', label: 'smoothed loss', width: 2 },
              ]}
              marker={result.suggestion ? { x: result.suggestion, label: `suggested ${fmt(result.suggestion)}` } : undefined}
            />
            <div className="ll-legend ll-small">
              <span className="ll-legend-item"><i style={{ background: 'rgba(96, 165, 250, 0.7)' }} />loss per batch</span>
              <span className="ll-legend-item"><i style={{ background: '#f59e0b' }} />smoothed loss</span>
            </div>
            <p className="ll-small" data-testid="lr-finder-summary">
              {result.suggestion
                ? <>Suggested: <strong data-testid="lr-finder-suggestion" data-value={result.suggestion}>{fmt(result.suggestion)}</strong>, the rate where the smoothed loss is lowest, divided by 10 (one decade before it stops improving).</>
                : 'The loss never fell: no suggestion. Check the data and the model first.'}
              {result.steepest ? ` The other common rule, where the loss falls fastest, gives ${fmt(result.steepest)}.` : ''}
              {result.stopReason ? ` Stopped: ${result.stopReason}.` : ''} Now: {current}.
            </p>
          </>
        )}
        <div className="ll-modal-buttons">
          {result?.suggestion && (
            <button type="button" className="ll-btn ll-btn-primary" data-testid="lr-finder-use" onClick={() => use(result.suggestion!)}>
              Use {Number(result.suggestion.toPrecision(2))}
            </button>
          )}
          <button type="button" className="ll-btn" data-testid="lr-finder-close" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

/** Opens the finder on the graph on screen. */
export function LrFinderButton({ label = 'Find learning rate…' }: { label?: string }) {
  const running = useLrFinder((s) => s.running);
  return (
    <button
      type="button"
      className="ll-btn ll-btn-small"
      data-testid="lr-finder-open"
      title="A short run that raises the learning rate batch by batch and plots the loss against it"
      onClick={() => void useLrFinder.getState().run()}
    >
      {running ? 'Finding…' : label}
    </button>
  );
}
