// The small pictures of the dataset panel: an image on a canvas, a heat map, a time-series line plot.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { polyline, toRgba, type ImageDims } from './sampleView';

/** Draws a row-major H x W x C sample at its own resolution; CSS scales it up without smoothing. */
export function ImageCanvas({ values, dims, range, size = 72 }: { values: number[]; dims: ImageDims; range: { min: number; max: number }; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(dims.width, dims.height);
    image.data.set(toRgba(values, dims, range));
    ctx.putImageData(image, 0, 0);
  }, [values, dims, range]);
  const aspect = dims.width / dims.height;
  return (
    <canvas
      ref={ref}
      className="ll-ds-image"
      data-testid="sample-image"
      width={dims.width}
      height={dims.height}
      style={{ width: aspect >= 1 ? size : size * aspect, height: aspect >= 1 ? size / aspect : size }}
    />
  );
}

/** A rows x cols matrix as gray levels (e.g. the steps of a few-shot episode), stretched to a fixed box. */
export function HeatMap({ values, rows, cols, range }: { values: number[]; rows: number; cols: number; range: { min: number; max: number } }) {
  return (
    <div className="ll-ds-heatmap">
      <ImageCanvas values={values} dims={{ height: rows, width: cols, channels: 1 }} range={range} size={150} />
      <span className="ll-muted ll-small">
        {rows} x {cols}
      </span>
    </div>
  );
}

const W = 150;
const H = 56;

/** The input window as a line, then the target steps (what the model must predict) as dots after it. */
export function SeriesPlot({ input, target }: { input: number[]; target: number[] }) {
  const all = [...input, ...target];
  const { t } = useTranslation(['training']);
  const range = { min: Math.min(...all), max: Math.max(...all) };
  const step = W / Math.max(1, all.length - 1);
  const targetPoints = polyline(target, input.length * step, step, H, range).split(' ').filter(Boolean);
  return (
    <svg className="ll-ds-series" data-testid="sample-series" width={W} height={H} viewBox={`0 -2 ${W} ${H + 4}`} role="img" aria-label={t('training:dataset.seriesAria', { steps: input.length, predict: target.length })}>
      <polyline points={polyline(input, 0, step, H, range)} fill="none" stroke="var(--accent-2)" strokeWidth={1.4} />
      {targetPoints.map((p) => {
        const [x, y] = p.split(',').map(Number);
        return <circle key={p} cx={x} cy={y} r={2.4} fill="var(--warn)" />;
      })}
    </svg>
  );
}
