// The Try panel's results for seq2seq (translation + attention heat map), time series (forecast against the
// truth), few-shot (the episode's support set and the query) and sequence outputs.
import { useTranslation } from 'react-i18next';
import type { PredictResult } from '../../../shared/api';
import { TryImageView } from './TryImage';
import { ProbabilityBars } from './ProbabilityBars';

type Of<K extends PredictResult['kind']> = Extract<PredictResult, { kind: K }>;
const shown = (ch: string) => (ch === ' ' ? '␣' : ch === '' ? '·' : ch);

export function TranslationResult({ result }: { result: Of<'translation'> }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-try-result" data-testid="try-result">
      <div className="ll-try-headline">
        <code>{result.input}</code> → <strong data-testid="try-translation">{result.output}</strong>
        {result.truth !== undefined && <span className="ll-muted"> ({t('training:try.truthInline', { truth: result.truth })}{result.truth === result.output ? ' ✓' : ''})</span>}
      </div>
      {result.attention.map((a) => (
        <div key={a.layer} className="ll-try-heat" data-testid="try-attention-map">
          <div className="ll-muted ll-small">{t('training:try.translationMap', { layer: a.layer })}</div>
          <table>
            <thead>
              <tr>
                <th />
                {a.cols.map((c, k) => (
                  <th key={k}>{shown(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {a.weights.map((row, q) => {
                const max = Math.max(...row, 1e-9);
                return (
                  <tr key={q}>
                    <th>{shown(a.rows[q] ?? '')}</th>
                    {row.map((w, k) => (
                      <td key={k} style={{ background: `rgba(250, 204, 21, ${w / max})` }} title={`${shown(a.rows[q] ?? '')} ← ${shown(a.cols[k] ?? '')}: ${(w * 100).toFixed(1)}%`} />
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

export function ForecastResult({ result }: { result: Of<'forecast'> }) {
  const { t } = useTranslation(['training']);
  const W = 640, H = 220, pad = 30;
  const all = [...result.history, ...result.forecast, ...result.truth];
  const lo = Math.min(...all), hi = Math.max(...all);
  const n = result.history.length + Math.max(result.forecast.length, result.truth.length);
  const x = (i: number) => pad + (i * (W - 2 * pad)) / Math.max(1, n - 1);
  const y = (v: number) => H - pad - ((v - lo) / (hi - lo || 1)) * (H - 2 * pad);
  const path = (vals: number[], from: number) => vals.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(from + i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const start = result.history.length - 1;
  const last = result.history[start];
  const mae = result.truth.length > 0 ? result.truth.reduce((s, t, i) => s + Math.abs(t - (result.forecast[i] ?? t)), 0) / result.truth.length : null;
  return (
    <div className="ll-try-result" data-testid="try-result">
      <svg className="ll-try-forecast" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('training:try.forecastAria')} data-testid="try-forecast">
        <line x1={x(start)} x2={x(start)} y1={pad / 2} y2={H - pad / 2} stroke="#475569" strokeDasharray="3 3" />
        <path d={path(result.history, 0)} fill="none" stroke="#94a3b8" strokeWidth={1.5} />
        <path d={path([last, ...result.truth], start)} fill="none" stroke="#34d399" strokeWidth={1.5} />
        <path d={path([last, ...result.forecast], start)} fill="none" stroke="#f59e0b" strokeWidth={2} />
        <text x={pad} y={14} fill="#94a3b8" fontSize={11}>{t('training:try.window')}</text>
        <text x={x(start) + 6} y={14} fill="#f59e0b" fontSize={11}>{t('training:try.forecast')}</text>
        <text x={x(start) + 70} y={14} fill="#34d399" fontSize={11}>{t('training:try.truth')}</text>
      </svg>
      <div className="ll-small ll-muted">
        {result.forecast.length} steps ahead{mae !== null ? `; mean absolute error against the truth ${mae.toFixed(3)} (standardised units)` : ''}. Each prediction is fed back into the window for the next.
      </div>
    </div>
  );
}

export function EpisodeResult({ result }: { result: Of<'episode'> }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-try-result" data-testid="try-result">
      <div className="ll-try-headline">
        Predicted episode class <strong data-testid="try-prediction">{result.prediction}</strong>
        {result.truth !== undefined && <span> {result.truth === result.prediction ? '✓ right' : `✗ (true: ${result.truth})`}</span>}
      </div>
      <div className="ll-try-episode">
        <div>
          <div className="ll-small ll-muted">{t('training:try.supportSet')}</div>
          <div className="ll-try-support" data-testid="try-support">
            {result.support.map((s, i) => (
              <figure key={i}>
                {s.image ? <TryImageView image={s.image} /> : <span className="ll-mono ll-small">{s.values?.slice(0, 3).map((v) => v.toFixed(1)).join(' ')}…</span>}
                <figcaption>class {s.label}</figcaption>
              </figure>
            ))}
          </div>
        </div>
        <div>
          <div className="ll-small ll-muted">{t('training:try.query')}</div>
          {result.query.image ? <TryImageView image={result.query.image} /> : <span className="ll-mono ll-small">{result.query.values?.slice(0, 3).map((v) => v.toFixed(1)).join(' ')}…</span>}
        </div>
      </div>
      <ProbabilityBars items={result.probabilities.map((p, i) => ({ name: `class ${i}`, p }))} predicted={result.prediction} truth={result.truth} />
    </div>
  );
}

export function ValuesResult({ result }: { result: Of<'values'> | Of<'steps'> }) {
  const { t } = useTranslation(['training']);
  if (result.kind === 'steps') {
    return (
      <div className="ll-try-result" data-testid="try-result">
        <div>{t('training:try.output')} <code data-testid="try-output">{result.predicted.join('')}</code></div>
        {result.truth && <div className="ll-muted">{t('training:try.truthLabel')} <code>{result.truth.join('')}</code></div>}
      </div>
    );
  }
  return (
    <div className="ll-try-result" data-testid="try-result">
      <div>{t('training:try.output')} <code data-testid="try-output">{result.values.map((v) => v.toFixed(4)).join(', ')}</code></div>
      {result.truth && <div className="ll-muted">{t('training:try.truthLabel')} <code>{result.truth.map((v) => v.toFixed(4)).join(', ')}</code></div>}
    </div>
  );
}
