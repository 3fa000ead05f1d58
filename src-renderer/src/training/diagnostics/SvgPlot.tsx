// A small static line plot for short series (tens to a few hundred points, drawn once): the learning-rate
// finder's loss against rate and the input gradient per time step. Long, growing series use LineChart.
import { useTranslation } from 'react-i18next';
import { formatTick, niceTicks } from '../chartMath';

export interface PlotLine {
  xs: readonly number[];
  ys: readonly number[];
  color: string;
  label: string;
  width?: number;
}

interface Props {
  lines: PlotLine[];
  logX?: boolean;
  logY?: boolean;
  xLabel: string;
  /** A vertical marker (e.g. the suggested learning rate). */
  marker?: { x: number; label: string };
  testId: string;
  width?: number;
  height?: number;
}

const PAD = { left: 46, right: 12, top: 12, bottom: 34 };

export function SvgPlot({ lines, logX = false, logY = false, xLabel, marker, testId, width = 460, height = 220 }: Props) {
  const { t } = useTranslation(['training']);
  const tx = (x: number) => (logX ? Math.log10(x) : x);
  const ty = (y: number) => (logY ? Math.log10(y) : y);
  const pts = lines.map((l) => l.xs.map((x, i) => [tx(x), ty(l.ys[i])] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)));
  const all = pts.flat();
  const x0 = Math.min(...all.map((p) => p[0]));
  const x1 = Math.max(...all.map((p) => p[0]));
  const y0 = Math.min(...all.map((p) => p[1]));
  const y1 = Math.max(...all.map((p) => p[1]));
  const xSpan = x1 > x0 ? x1 - x0 : 1;
  const ySpan = y1 > y0 ? y1 - y0 : 1;
  const px = (x: number) => PAD.left + ((x - x0) / xSpan) * (width - PAD.left - PAD.right);
  const py = (y: number) => height - PAD.bottom - ((y - (y0 - ySpan * 0.05)) / (ySpan * 1.1)) * (height - PAD.top - PAD.bottom);
  const xTicks = logX ? range(Math.ceil(x0), Math.floor(x1)) : niceTicks(x0, x1, 5);
  const yTicks = niceTicks(y0, y1, 4);
  if (all.length === 0) return <div className="ll-muted ll-small">{t('training:chart.noPoints')}</div>;
  return (
    <svg className="ll-svgplot" width={width} height={height} role="img" aria-label={t('training:chart.ariaPlot', { lines: lines.map((l) => l.label).join(', '), x: xLabel })} data-testid={testId} data-points={all.length}>
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={PAD.left} x2={width - PAD.right} y1={py(t)} y2={py(t)} className="ll-svgplot-grid" />
          <text x={PAD.left - 5} y={py(t)} textAnchor="end" dominantBaseline="middle">
            {formatTick(logY ? 10 ** t : t)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={px(t)} y={height - PAD.bottom + 13} textAnchor="middle">
          {logX ? `1e${t}` : formatTick(t)}
        </text>
      ))}
      <text x={(PAD.left + width - PAD.right) / 2} y={height - 4} textAnchor="middle">
        {xLabel}
      </text>
      {marker && Number.isFinite(tx(marker.x)) && (
        <g data-testid={`${testId}-marker`}>
          <line x1={px(tx(marker.x))} x2={px(tx(marker.x))} y1={PAD.top} y2={height - PAD.bottom} className="ll-svgplot-marker" />
          <text x={px(tx(marker.x)) + 4} y={PAD.top + 8} className="ll-svgplot-marker-label">
            {marker.label}
          </text>
        </g>
      )}
      {pts.map((p, i) => (
        <polyline key={lines[i].label} fill="none" stroke={lines[i].color} strokeWidth={lines[i].width ?? 1.5} points={p.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')} />
      ))}
    </svg>
  );
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
