// Results of the evaluation after training (RunRecord.evaluation): test loss and accuracy, confusion matrix
// heatmap, per-class accuracy, a gallery of predictions (misclassified first), predicted vs actual for
// regression.
import { sequenceText } from './sequenceText';
import { useEffect, useMemo, useRef } from 'react';
import type { EvaluationResult, GalleryItem } from '../../../shared/api';
import { ScatterChart, type ScatterPoint } from '../training/ScatterChart';
import { fmt } from '../training/format';
import { AttentionMapsView } from './AttentionMaps';
import { DecodingView } from './DecodingView';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

function ConfusionMatrix({ names, confusion }: { names: string[]; confusion: number[][] }) {
  const max = Math.max(1, ...confusion.flat());
  return (
    <div className="ll-eval-block">
      <h4>Confusion matrix</h4>
      <div className="ll-muted ll-small">rows: true class · columns: predicted</div>
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
                  <td key={j} style={{ background: bg }} title={`true ${names[i]}, predicted ${names[j]}: ${c}`}>
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
  return (
    <div className="ll-eval-block">
      <h4>Accuracy per class</h4>
      <div className="ll-perclass" data-testid="per-class-accuracy">
        {names.map((n, i) => (
          <div key={n} className="ll-perclass-row" title={`${support[i]} samples`}>
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
  return (
    <div className="ll-eval-block ll-eval-gallery">
      <h4>Predictions (misclassified first)</h4>
      <div className="ll-gallery" data-testid="eval-gallery">
        {sorted.map((it) => (
          <figure key={it.index} className={`ll-gallery-item ${it.correct ? 'ok' : 'wrong'}`} data-correct={it.correct}>
            {image && it.pixels && <Thumb item={it} image={image} />}
            <figcaption>
              {it.trueClass !== undefined ? (
                <>
                  {it.correct ? '✓' : '✗'} {name(it.predictedClass)}
                  {!it.correct && <span className="ll-muted"> (is {name(it.trueClass)})</span>}
                </>
              ) : (
                <span title={`#${it.index}\ntrue ${it.trueTokens?.join(' ')}\npred ${it.predictedTokens?.join(' ')}`} data-testid="eval-sequence">
                  {it.correct ? '✓' : '✗'} <code>{sequenceText(it.predictedTokens, names)}</code>
                  {!it.correct && <span className="ll-muted"> (is <code>{sequenceText(it.trueTokens, names)}</code>)</span>}
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
  const pairs: ScatterPoint[] = useMemo(() => (e.regression?.pairs ?? []).map((p) => ({ x: p.actual, y: p.predicted })), [e]);
  return (
    <div className="ll-eval" data-testid="evaluation">
      <dl className="ll-train-metrics">
        <div>
          <dt>{e.split} loss</dt>
          <dd data-testid="eval-loss">{fmt(e.loss)}</dd>
        </div>
        {e.accuracy !== undefined && (
          <div>
            <dt>{e.split} acc</dt>
            <dd data-testid="eval-accuracy">{pct(e.accuracy)}</dd>
          </div>
        )}
        <div>
          <dt>samples</dt>
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
              <div title={`Error of ${e.regression.forecast.what} only; MAE, RMSE and the loss average every output.`}>
                <dt>forecast MSE</dt>
                <dd data-testid="eval-forecast-mse">{fmt(e.regression.forecast.mse)}</dd>
              </div>
            )}
          </>
        )}
        {e.decoding && (
          <div title="Per character, with the decoder fed its own previous outputs (no teacher forcing)">
            <dt>free-running acc</dt>
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
            <ScatterChart title="Predicted vs actual" points={pairs} xLabel="actual" yLabel="predicted" diagonal testId="eval-regression" />
          </div>
        )}
        {e.decoding && <DecodingView decoding={e.decoding} names={e.classification?.classNames} />}
        {e.gallery && e.gallery.length > 0 && <Gallery items={e.gallery} image={e.image} names={e.classification?.classNames} />}
        {e.attention && e.attention.length > 0 && <AttentionMapsView maps={e.attention} />}
      </div>
    </div>
  );
}
