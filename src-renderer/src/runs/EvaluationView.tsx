// Results of the evaluation after training (RunRecord.evaluation): test loss and accuracy, confusion matrix
// heatmap, per-class accuracy, a gallery of predictions (misclassified first), predicted vs actual for
// regression.
import { sequenceText } from './sequenceText';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationResult, GalleryItem } from '../../../shared/api';
import { ScatterChart, type ScatterPoint } from '../training/ScatterChart';
import { fmt } from '../training/format';
import { AttentionMapsView } from './AttentionMaps';
import { DecodingView } from './DecodingView';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

function ConfusionMatrix({ names, confusion }: { names: string[]; confusion: number[][] }) {
  const max = Math.max(1, ...confusion.flat());
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-eval-block">
      <h4>{t('training:eval.confusion')}</h4>
      <div className="ll-muted ll-small">{t('training:eval.confusionAxes')}</div>
      <table className="ll-confusion" data-testid="confusion-matrix">
        <thead>
          <tr>
            <th />
            {names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => (
            <tr key={names[i] ?? i}>
              <th>{names[i] ?? i}</th>
              {row.map((c, j) => {
                const a = c / max;
                const bg = i === j ? `rgba(52, 211, 153, ${0.1 + 0.8 * a})` : c > 0 ? `rgba(248, 113, 113, ${0.15 + 0.8 * a})` : 'transparent';
                return (
                  <td key={j} style={{ background: bg }} title={t('training:eval.confusionCell', { actual: names[i], predicted: names[j], count: c })}>
                    {c || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PerClass({ names, acc, support }: { names: string[]; acc: (number | null)[]; support: number[] }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-eval-block">
      <h4>{t('training:eval.perClass')}</h4>
      <div className="ll-perclass" data-testid="per-class-accuracy">
        {names.map((n, i) => (
          <div key={n} className="ll-perclass-row" title={t('training:eval.samplesCount', { count: support[i] })}>
            <span className="ll-perclass-name">{n}</span>
            <span className="ll-perclass-bar">
              <i style={{ width: `${(acc[i] ?? 0) * 100}%` }} />
            </span>
            <span className="ll-mono">{pct(acc[i])}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Draws a sample's pixels (0..255, H x W x C) at 1 pixel each; CSS scales it up without smoothing. */
function Thumb({ item, image }: { item: GalleryItem; image: { height: number; width: number; channels: number } }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !item.pixels) return;
    const { height, width, channels } = image;
    const data = ctx.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const r = item.pixels[p * channels] ?? 0;
      const g = channels >= 3 ? item.pixels[p * channels + 1] : r;
      const b = channels >= 3 ? item.pixels[p * channels + 2] : r;
      data.data.set([r, g, b, 255], p * 4);
    }
    ctx.putImageData(data, 0, 0);
  }, [item, image]);
  return <canvas ref={ref} width={image.width} height={image.height} className="ll-thumb" />;
}

function Gallery({ items, image, names }: { items: GalleryItem[]; image?: EvaluationResult['image']; names?: string[] }) {
  const sorted = useMemo(() => [...items].sort((a, b) => Number(a.correct) - Number(b.correct)), [items]);
  const name = (c: number | undefined) => (c === undefined ? '?' : (names?.[c] ?? String(c)));
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-eval-block ll-eval-gallery">
      <h4>{t('training:eval.gallery')}</h4>
      <div className="ll-gallery" data-testid="eval-gallery">
        {sorted.map((it) => (
          <figure key={it.index} className={`ll-gallery-item ${it.correct ? 'ok' : 'wrong'}`} data-correct={it.correct}>
            {image && it.pixels && <Thumb item={it} image={image} />}
            <figcaption>
              {it.trueClass !== undefined ? (
                <>
                  {it.correct ? '✓' : '✗'} {name(it.predictedClass)}
                  {!it.correct && <span className="ll-muted"> {t('training:eval.isActually', { name: name(it.trueClass) })}</span>}
                </>
              ) : (
                <span title={`#${it.index}\n${t('training:eval.trueTokens', { tokens: it.trueTokens?.join(' ') })}\n${t('training:eval.predTokens', { tokens: it.predictedTokens?.join(' ') })}`} data-testid="eval-sequence">
                  {it.correct ? '✓' : '✗'} <code>{sequenceText(it.predictedTokens, names)}</code>
                  {!it.correct && <span className="ll-muted"> ({t('training:eval.is')} <code>{sequenceText(it.trueTokens, names)}</code>)</span>}
                </span>
              )}
              <span className="ll-muted"> {Math.round(it.confidence * 100)}%</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

export function EvaluationView({ evaluation: e }: { evaluation: EvaluationResult }) {
  const { t } = useTranslation(['training']);
  const pairs: ScatterPoint[] = useMemo(() => (e.regression?.pairs ?? []).map((p) => ({ x: p.actual, y: p.predicted })), [e]);
  return (
    <div className="ll-eval" data-testid="evaluation">
      <dl className="ll-train-metrics">
        <div>
          <dt>{e.split === 'test' ? t('training:eval.testLoss') : t('training:eval.validationLoss')}</dt>
          <dd data-testid="eval-loss">{fmt(e.loss)}</dd>
        </div>
        {e.accuracy !== undefined && (
          <div>
            <dt>{e.split === 'test' ? t('training:eval.testAcc') : t('training:eval.validationAcc')}</dt>
            <dd data-testid="eval-accuracy">{pct(e.accuracy)}</dd>
          </div>
        )}
        <div>
          <dt>{t('training:eval.samples')}</dt>
          <dd>{e.samples.toLocaleString('en-US')}</dd>
        </div>
        {e.regression && (
          <>
            <div>
              <dt>MAE</dt>
              <dd>{fmt(e.regression.mae)}</dd>
            </div>
            <div>
              <dt>RMSE</dt>
              <dd>{fmt(e.regression.rmse)}</dd>
            </div>
            <div>
              <dt>R²</dt>
              <dd>{fmt(e.regression.r2, 3)}</dd>
            </div>
            {e.regression.forecast && (
              <div title={t('training:eval.forecastTitle', { what: e.regression.forecast.what })}>
                <dt>{t('training:eval.forecastMse')}</dt>
                <dd data-testid="eval-forecast-mse">{fmt(e.regression.forecast.mse)}</dd>
              </div>
            )}
          </>
        )}
        {e.decoding && (
          <div title={t('training:eval.freeRunningTitle')}>
            <dt>{t('training:eval.freeRunningAcc')}</dt>
            <dd data-testid="eval-free-running-accuracy">{pct(e.decoding.greedy.tokenAccuracy)}</dd>
          </div>
        )}
      </dl>
      {e.notes.length > 0 && <div className="ll-muted ll-small">{e.notes.join(' ')}</div>}
      <div className="ll-eval-grid">
        {e.classification && e.classification.classNames.length <= 30 && <ConfusionMatrix names={e.classification.classNames} confusion={e.classification.confusion} />}
        {e.classification && <PerClass names={e.classification.classNames} acc={e.classification.perClassAccuracy} support={e.classification.support} />}
        {e.regression && (
          <div className="ll-eval-block ll-eval-scatter">
            <ScatterChart title={t('training:eval.predVsActual')} points={pairs} xLabel={t('training:eval.actual')} yLabel={t('training:eval.predicted')} diagonal testId="eval-regression" />
          </div>
        )}
        {e.decoding && <DecodingView decoding={e.decoding} names={e.classification?.classNames} />}
        {e.gallery && e.gallery.length > 0 && <Gallery items={e.gallery} image={e.image} names={e.classification?.classNames} />}
        {e.attention && e.attention.length > 0 && <AttentionMapsView maps={e.attention} />}
      </div>
    </div>
  );
}
