// The Training tab's Layers view: per-layer gradient and weight norms over training (LineChart, log scale),
// and per epoch: weight or activation histograms (one row per epoch, as TensorBoard draws them), the fraction
// of dead ReLUs, and for sequence models the loss gradient reaching each input time step.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { EpochLayerStats, Histogram } from '../../../../shared/api';
import { nodeNameText } from '../../../../shared/i18n/node-name-text';
import type { GraphFile } from '../../../../shared/graph/types';
import { LineChart } from '../LineChart';
import type { LayerSeries } from './layerSeries';
import { SvgPlot } from './SvgPlot';

interface Props {
  layers: LayerSeries;
  graph: Pick<GraphFile, 'nodes' | 'edges'>;
  plannedSteps: number;
  epochSteps: number;
}

/** "Dense layer 1 of 2" (in the UI's language) without a leading article; layers that are no graph node keep their tfjs name. */
function labelOf(graph: Props['graph'], node: string): string {
  return graph.nodes.some((n) => n.id === node) ? nodeNameText(graph, node, { article: false }) : node;
}

type Pick3 = { what: 'weights' | 'activations'; node: string } | { what: 'inputGradient' };

export function LayersView({ layers, graph, plannedSteps, epochSteps }: Props) {
  const { t } = useTranslation(['training']);
  useSyncExternalStore(
    (cb) => layers.subscribe(cb),
    () => layers.version,
  );
  const legend = layers.grad.map((s) => ({ label: labelOf(graph, s.name), color: s.color }));
  if (layers.nodes.length === 0 && layers.epochs.length === 0) {
    return (
      <div className="ll-layers-empty ll-muted" data-testid="layers-empty">
        {t('training:layers.empty')}
      </div>
    );
  }
  return (
    <>
      <LineChart title={t('training:layers.gradNorm')} series={layers.grad} plannedSteps={plannedSteps} epochSteps={epochSteps} testId="chart-grad-norms" logY legend={legend} />
      <LineChart title={t('training:layers.weightNorm')} series={layers.weight} plannedSteps={plannedSteps} epochSteps={epochSteps} testId="chart-weight-norms" logY legend={legend} />
      <EpochPanel epochs={layers.epochs} graph={graph} />
    </>
  );
}

function EpochPanel({ epochs, graph }: { epochs: EpochLayerStats[]; graph: Props['graph'] }) {
  const { t } = useTranslation(['training']);
  const last = epochs[epochs.length - 1];
  const options: { key: string; label: string; pick: Pick3 }[] = [];
  if (last?.inputGradient) options.push({ key: 'ig', label: t('training:layers.inputGradient'), pick: { what: 'inputGradient' } });
  for (const a of last?.activations ?? []) options.push({ key: `a:${a.node}`, label: t('training:layers.activationsOf', { layer: labelOf(graph, a.node) }), pick: { what: 'activations', node: a.node } });
  for (const w of last?.weights ?? []) options.push({ key: `w:${w.node}`, label: t('training:layers.weightsOf', { layer: labelOf(graph, w.node) }), pick: { what: 'weights', node: w.node } });
  const [key, setKey] = useState<string>('');
  const chosen = options.find((o) => o.key === key) ?? options[0];
  const dead = (last?.activations ?? []).filter((a) => a.deadFraction !== undefined);
  return (
    <figure className="ll-chart ll-epoch-panel" data-testid="layers-epoch-panel">
      <figcaption>
        <select className="ll-input ll-small" value={chosen?.key ?? ''} data-testid="layers-epoch-select" aria-label={t('training:layers.perEpochView')} onChange={(e) => setKey(e.target.value)}>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
        {dead.length > 0 && (
          <span className="ll-small ll-muted" data-testid="dead-relus" title={t('training:layers.deadTitle')}>
            {t('training:layers.deadRelus', { epoch: last.epoch + 1 })} {dead.map((a) => `${labelOf(graph, a.node)} ${Math.round(a.deadFraction! * 100)}%`).join(', ')}
          </span>
        )}
      </figcaption>
      {!last && <div className="ll-muted ll-small">{t('training:layers.histogramsLater')}</div>}
      {chosen?.pick.what === 'inputGradient' && <InputGradient epochs={epochs} />}
      {chosen && chosen.pick.what !== 'inputGradient' && (
        <HistogramRows
          rows={epochs.map((e) => {
            const p = chosen.pick as { what: 'weights' | 'activations'; node: string };
            const list: { node: string; histogram: Histogram }[] = p.what === 'weights' ? e.weights : e.activations;
            return { epoch: e.epoch, histogram: list.find((x) => x.node === p.node)?.histogram ?? null };
          })}
        />
      )}
    </figure>
  );
}

function InputGradient({ epochs }: { epochs: EpochLayerStats[] }) {
  const { t } = useTranslation(['training']);
  const withGrad = epochs.filter((e) => e.inputGradient);
  const first = withGrad[0];
  const last = withGrad[withGrad.length - 1];
  const steps = (g: number[]) => g.map((_, i) => i + 1);
  const lines = [
    ...(first !== last ? [{ xs: steps(first.inputGradient!), ys: first.inputGradient!, color: 'rgba(148, 163, 184, 0.6)', label: t('training:layers.epoch', { epoch: first.epoch + 1 }) }] : []),
    { xs: steps(last.inputGradient!), ys: last.inputGradient!, color: '#f59e0b', label: t('training:layers.epoch', { epoch: last.epoch + 1 }), width: 2 },
  ];
  const g = last.inputGradient!;
  return (
    <div className="ll-input-gradient">
      <SvgPlot testId="chart-input-gradient" logY xLabel={t('training:layers.inputStep')} lines={lines} width={380} height={150} />
      <div className="ll-small ll-muted" data-testid="input-gradient-ratio">
        {first !== last
          ? t('training:layers.gradientRatioGrey', { ratio: (g[0] / g[g.length - 1]).toPrecision(2), epoch: last.epoch + 1, first: first.epoch + 1 })
          : t('training:layers.gradientRatio', { ratio: (g[0] / g[g.length - 1]).toPrecision(2), epoch: last.epoch + 1 })}
      </div>
    </div>
  );
}

/** One row per epoch (newest at the bottom), each bin's count as brightness; the value range is shared by all rows. */
function HistogramRows({ rows }: { rows: { epoch: number; histogram: Histogram | null }[] }) {
  const { t } = useTranslation(['training']);
  const ref = useRef<HTMLCanvasElement>(null);
  const present = rows.filter((r): r is { epoch: number; histogram: Histogram } => r.histogram !== null);
  const lo = Math.min(...present.map((r) => r.histogram.lo));
  const hi = Math.max(...present.map((r) => r.histogram.hi));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || present.length === 0) return;
    const w = canvas.width;
    const rowH = canvas.height / present.length;
    ctx.clearRect(0, 0, w, canvas.height);
    const span = hi > lo ? hi - lo : 1;
    present.forEach((r, row) => {
      const { counts, lo: rlo, hi: rhi } = r.histogram;
      const max = Math.max(1, ...counts);
      const binW = (rhi - rlo) / counts.length || span / counts.length;
      counts.forEach((c, i) => {
        const x0 = ((rlo + i * binW - lo) / span) * w;
        const x1 = ((rlo + (i + 1) * binW - lo) / span) * w;
        ctx.fillStyle = `rgba(96, 165, 250, ${(0.08 + 0.92 * Math.sqrt(c / max)).toFixed(3)})`;
        ctx.fillRect(x0, row * rowH, Math.max(1, x1 - x0), rowH - 1);
      });
    });
  });
  if (present.length === 0) return <div className="ll-muted ll-small">{t('training:layers.noValues')}</div>;
  return (
    <div className="ll-hist" data-testid="histogram-rows" data-rows={present.length}>
      <div className="ll-small ll-muted">
        {t('training:layers.histogramRows', { first: present[0].epoch + 1, last: present[present.length - 1].epoch + 1 })}
      </div>
      <canvas ref={ref} width={360} height={Math.min(120, Math.max(48, 18 * present.length))} className="ll-hist-canvas" role="img" aria-label={t('training:layers.histogramAria', { lo: lo.toPrecision(3), hi: hi.toPrecision(3) })} />
      <div className="ll-hist-axis ll-small ll-muted">
        <span>{lo.toPrecision(3)}</span>
        <span>{t('training:layers.value')}</span>
        <span>{hi.toPrecision(3)}</span>
      </div>
    </div>
  );
}
