// One layer of the test set as a 2-D PCA scatter, one colour per class (d3's Tableau 10), with a layer picker.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scaleLinear, scaleOrdinal } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import type { RunProjection } from '../../../shared/inspect';
import { errorText } from '../../../shared/i18n/error-text';
import { formatPercent } from '../../../shared/i18n/format';
import { api } from '../api';

const W = 360;
const H = 260;
const SPLIT_KEY = { test: 'training:dataset.split.test', validation: 'training:dataset.split.validation' } as const satisfies Record<RunProjection['split'], string>;

function Scatter({ p }: { p: RunProjection }) {
  const { t } = useTranslation(['training']);
  const xs = p.points.map((q) => q.x);
  const ys = p.points.map((q) => q.y);
  const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs)]).nice().range([8, W - 8]);
  const y = scaleLinear().domain([Math.min(...ys), Math.max(...ys)]).nice().range([H - 8, 8]);
  const color = scaleOrdinal<number, string>(schemeTableau10);
  const classes = [...new Set(p.points.map((q) => q.cls))].sort((a, b) => a - b);
  return (
    <div className="ll-inspect-scatter-wrap">
      <svg width={W} height={H} className="ll-inspect-scatter" data-testid="inspect-scatter" data-points={p.points.length} role="img" aria-label={t('training:inspect.projectionAria', { node: p.nodeId, count: p.points.length })}>
        {p.points.map((q, i) => (
          <circle key={i} cx={x(q.x)} cy={y(q.y)} r={2.5} fill={q.cls < 0 ? '#60a5fa' : color(q.cls)} />
        ))}
      </svg>
      <div className="ll-inspect-legend">
        {classes
          .filter((c) => c >= 0)
          .slice(0, 20)
          .map((c) => (
            <span key={c}>
              <i style={{ background: color(c) }} />
              {p.classNames[c] || `#${c}`}
            </span>
          ))}
      </div>
    </div>
  );
}

export function Projection({ runId }: { runId: string }) {
  const { t } = useTranslation(['training']);
  const [nodeId, setNodeId] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<RunProjection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    setBusy(true);
    setError(null);
    api.projectRun({ runId, ...(nodeId ? { nodeId } : {}) }).then(
      (r) => live && (setResult(r), setBusy(false)),
      (err: unknown) => live && (setError(errorText(err)), setBusy(false)),
    );
    return () => {
      live = false;
    };
  }, [runId, nodeId, asked]);
  if (!asked) {
    return (
      <button type="button" className="ll-btn ll-btn-small" data-testid="inspect-project" onClick={() => setAsked(true)}>
        {t('training:inspect.project')}
      </button>
    );
  }
  return (
    <div className="ll-inspect-projection" data-testid="inspect-projection">
      <div className="ll-inspect-row">
        <strong className="ll-small">{t('training:inspect.projectionOf')}</strong>
        <select value={result?.nodeId ?? nodeId ?? ''} onChange={(e) => setNodeId(e.target.value)} data-testid="inspect-project-node" disabled={!result}>
          {(result?.candidates ?? []).map((c) => (
            <option key={c.nodeId} value={c.nodeId}>
              {c.nodeId} ({c.kind})
            </option>
          ))}
        </select>
        {busy && <span className="ll-muted ll-small">{t('training:inspect.computing')}</span>}
      </div>
      {error && <div className="ll-error-box">{error}</div>}
      {result && (
        <>
          <div className="ll-muted ll-small">
            {t('training:inspect.projectionSummary', {
              count: result.points.length,
              split: t(SPLIT_KEY[result.split]),
              first: formatPercent(result.explained[0], 0),
              second: formatPercent(result.explained[1], 0),
            })}
            {result.notes.length ? ` · ${result.notes.join('; ')}` : ''}
          </div>
          <Scatter p={result} />
        </>
      )}
    </div>
  );
}
