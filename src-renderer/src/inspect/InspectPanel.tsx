// "Look inside" a finished run for one input: every layer's activation (computed in the job worker), one shown at a
// time; a click on a layer here or on the canvas shows it, and the canvas highlights the layer shown. Below, the
// test set projected to 2-D at a chosen layer.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './inspect.css';
import type { RunActivations } from '../../../shared/inspect';
import type { TryInput, TryInputKind } from '../../../shared/try-input';
import { formatPercent } from '../../../shared/i18n/format';
import { errorText } from '../../../shared/i18n/error-text';
import { api } from '../api';
import { useGraphStore, selectedNodeId, useTry } from '../store/stores';
import { ActivationViewer } from './ActivationViewer';
import { Projection } from './Projection';
import { useInspect } from './inspectStore';

/** How the "use the tried input" button names the input (a sample by its index). */
const TRIED_KEY = {
  sample: 'training:inspect.tried.sample',
  image: 'training:inspect.tried.image',
  text: 'training:inspect.tried.text',
  series: 'training:inspect.tried.series',
  features: 'training:inspect.tried.features',
} as const satisfies Record<TryInputKind, string>;

export function InspectPanel({ runId }: { runId: string }) {
  const { t } = useTranslation(['training']);
  const [index, setIndex] = useState(0);
  const [input, setInput] = useState<TryInput>({ kind: 'sample', index: 0 });
  const [result, setResult] = useState<RunActivations | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = useInspect((s) => s.shownNodeId);
  const show = useInspect((s) => s.show);
  const canvasSelection = useGraphStore(selectedNodeId);
  // The input tried last in the Try panel for this run (a drawn digit, a prompt): looked inside when asked.
  const tried = useTry((s) => (s.runId === runId ? s.input : null));

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(null);
    api.inspectRun({ runId, input }).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setBusy(false);
        const current = useInspect.getState().shownNodeId;
        if (!r.nodes.some((n) => n.nodeId === current)) show(r.nodes.find((n) => n.view.type !== 'none' && n.kind !== 'Input')?.nodeId ?? r.nodes[0]?.nodeId ?? null);
      },
      (err: unknown) => live && (setError(errorText(err)), setBusy(false)),
    );
    return () => {
      live = false;
    };
  }, [runId, input, show]);

  // A click on a layer on the canvas shows that layer's activation (when this run has it).
  useEffect(() => {
    if (canvasSelection && result?.nodes.some((n) => n.nodeId === canvasSelection)) show(canvasSelection);
  }, [canvasSelection, result, show]);

  // Nothing is highlighted once the view closes.
  useEffect(() => () => show(null), [show]);

  const node = result?.nodes.find((n) => n.nodeId === shown);
  return (
    <div className="ll-inspect" data-testid="inspect-panel">
      <div className="ll-inspect-row">
        <label className="ll-small">
          {t('training:try.testSample')}{' '}
          <input type="number" min={0} value={index} onChange={(e) => setIndex(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid="inspect-sample" style={{ width: 70 }} />
        </label>
        <button type="button" className="ll-btn ll-btn-small" data-testid="inspect-go" onClick={() => setInput({ kind: 'sample', index })} disabled={busy}>
          {t('training:inspect.show')}
        </button>
        {tried && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="inspect-use-tried" onClick={() => setInput(tried)} disabled={busy} title={t('training:inspect.useTriedTitle')}>
            {t('training:inspect.useTried', { input: t(TRIED_KEY[tried.kind], tried.kind === 'sample' ? { index: tried.index } : {}) })}
          </button>
        )}
        {busy && <span className="ll-muted ll-small">{t('training:inspect.computing')}</span>}
        {result?.prediction && (
          <span className="ll-small" data-testid="inspect-prediction">
            {t('training:inspect.predicts')} <strong>{result.prediction.className}</strong> ({formatPercent(result.prediction.probability, 1)})
          </span>
        )}
      </div>
      {error && (
        <div className="ll-error-box" role="alert" data-testid="inspect-error">
          {error}
        </div>
      )}
      {result && (
        <>
          <div className="ll-inspect-nodes" role="tablist" aria-label={t('training:inspect.layersAria')}>
            {result.nodes.map((n) => (
              <button
                key={n.nodeId}
                type="button"
                role="tab"
                aria-selected={n.nodeId === shown}
                className={n.nodeId === shown ? 'active' : ''}
                data-testid={`inspect-node-${n.nodeId}`}
                onClick={() => show(n.nodeId)}
                title={`${n.kind} [${n.shape.join(', ')}]`}
              >
                {n.nodeId} <span className="ll-muted">{n.kind}</span>
              </button>
            ))}
          </div>
          <div className="ll-muted ll-small">{t('training:inspect.clickLayer')}</div>
          {node && <ActivationViewer node={node} classNames={result.classNames} />}
          {result.notes.length > 0 && <div className="ll-muted ll-small">{result.notes.join(' · ')}</div>}
        </>
      )}
      <Projection runId={runId} />
    </div>
  );
}
