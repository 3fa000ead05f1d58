// One node's activation drawn as what it is: feature maps as an image grid, a vector as bars, a sequence as a heat
// map over time, an LSTM's gates, every attention head with the tokens on its axes.
import { scaleLinear } from 'd3-scale';
import { useTranslation } from 'react-i18next';
import type { ActivationView, AttentionBlock, NodeActivation } from '../../../shared/inspect';
import { formatPercent } from '../../../shared/i18n/format';
import { i18n } from '../../../shared/i18n/i18n';
import { HeatMap } from './HeatMap';
import { extent, magnitudeScale, signedScale } from './scales';

/** The caption of each LSTM panel: the gate's letter, then what it does (i/f/o gates, cell c, hidden h). */
const GATE_KEY = {
  i: 'training:inspect.gate.i',
  f: 'training:inspect.gate.f',
  o: 'training:inspect.gate.o',
  c: 'training:inspect.gate.c',
  h: 'training:inspect.gate.h',
} as const;

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));

function FeatureMaps({ view }: { view: Extract<ActivationView, { type: 'maps' }> }) {
  const { t } = useTranslation(['training']);
  const cell = Math.max(2, Math.floor(72 / Math.max(view.height, view.width)));
  return (
    <div className="ll-inspect-grid" data-testid="inspect-maps" data-maps={view.maps.length}>
      {view.maps.map((m, c) => {
        const rows = Array.from({ length: view.height }, (_, y) => m.slice(y * view.width, (y + 1) * view.width));
        const [lo, hi] = extent(rows);
        return (
          <figure key={c} className="ll-inspect-map">
            <HeatMap rows={rows} color={magnitudeScale(lo, hi)} cell={cell} title={t('training:inspect.channelTitle', { channel: c + 1, lo: fmt(lo), hi: fmt(hi) })} />
            <figcaption>{t('training:inspect.channelCaption', { channel: c + 1 })}</figcaption>
          </figure>
        );
      })}
      {view.channels > view.maps.length && <div className="ll-muted ll-small">{t('training:inspect.firstChannels', { shown: view.maps.length, total: view.channels })}</div>}
    </div>
  );
}

function Bars({ view, labels }: { view: Extract<ActivationView, { type: 'bars' }>; labels?: string[] }) {
  const { t } = useTranslation(['training']);
  const width = Math.min(720, Math.max(160, view.values.length * 14));
  const height = 120;
  const lo = Math.min(0, ...view.values);
  const hi = Math.max(0, ...view.values, 1e-9);
  const y = scaleLinear().domain([lo, hi]).range([height - 14, 4]);
  const bw = width / view.values.length;
  const showLabels = labels && view.values.length <= 20;
  return (
    <div data-testid="inspect-bars" data-bars={view.values.length}>
      <svg width={width} height={height} className="ll-inspect-bars" role="img" aria-label={t('training:inspect.barsAria', { count: view.values.length })}>
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="ll-inspect-axis" />
        {view.values.map((v, i) => (
          <rect key={i} x={i * bw + 1} width={Math.max(1, bw - 2)} y={Math.min(y(v), y(0))} height={Math.abs(y(v) - y(0))} className={v < 0 ? 'neg' : 'pos'}>
            <title>{`${labels?.[i] ?? t('training:inspect.unit', { index: i })}: ${fmt(v)}`}</title>
          </rect>
        ))}
        {showLabels &&
          view.values.map((_, i) => (
            <text key={i} x={i * bw + bw / 2} y={height - 2} textAnchor="middle">
              {labels![i] || `#${i}`}
            </text>
          ))}
      </svg>
      {view.total > view.values.length && <div className="ll-muted ll-small">{t('training:inspect.firstUnits', { shown: view.values.length, total: view.total })}</div>}
    </div>
  );
}

function Heat({ view }: { view: Extract<ActivationView, { type: 'heat' }> }) {
  const { t } = useTranslation(['training']);
  return (
    <div data-testid="inspect-heat">
      <div className="ll-muted ll-small">{t('training:inspect.heatLegend', { steps: view.steps, units: view.units })}</div>
      <HeatMap rows={view.rows} color={signedScale(view.rows)} cell={Math.max(3, Math.min(10, Math.floor(480 / Math.max(view.rows[0]?.length ?? 1, 1))))} />
      {(view.steps > view.rows.length || view.units > (view.rows[0]?.length ?? 0)) && <div className="ll-muted ll-small">{t('training:inspect.trimmed', { rows: view.rows.length, columns: view.rows[0]?.length ?? 0 })}</div>}
    </div>
  );
}

function Lstm({ view }: { view: Extract<ActivationView, { type: 'lstm' }> }) {
  const { t } = useTranslation(['training']);
  const cell = Math.max(3, Math.min(8, Math.floor(112 / Math.max(view.gates.i[0]?.length ?? 1, 1))));
  const gate = (name: keyof typeof GATE_KEY, rows: number[][]) => (
    <figure className="ll-inspect-gate" data-testid={`inspect-gate-${name}`}>
      <figcaption>
        <strong>{name}</strong> {t(GATE_KEY[name])}
      </figcaption>
      <HeatMap rows={rows} color={name === 'c' || name === 'h' ? signedScale(rows) : magnitudeScale(0, 1)} cell={cell} />
    </figure>
  );
  return (
    <div data-testid="inspect-lstm">
      <div className="ll-muted ll-small">{t('training:inspect.lstmLegend', { steps: view.steps, units: view.units })}</div>
      <div className="ll-inspect-grid">
        {gate('i', view.gates.i)}
        {gate('f', view.gates.f)}
        {gate('o', view.gates.o)}
        {gate('c', view.gates.c)}
        {gate('h', view.h)}
      </div>
    </div>
  );
}

/** A block's name in the chosen language (the worker's English name when it sent no code, e.g. an older host). */
function blockName(b: AttentionBlock): string {
  if (b.label?.code === 'attention') return i18n.t('runlog:inspect.attention');
  if (b.label?.code === 'blockSelfAttention') return i18n.t('runlog:inspect.blockSelfAttention', { block: b.label.block });
  return b.name;
}

function Attention({ view }: { view: Extract<ActivationView, { type: 'attention' }> }) {
  const { t } = useTranslation(['training']);
  return (
    <div data-testid="inspect-attention">
      <div className="ll-muted ll-small">{t('training:inspect.attentionLegend')}</div>
      {view.blocks.map((b) => (
        <div key={b.name} className="ll-inspect-block">
          <div className="ll-small" data-testid="inspect-block-name">{blockName(b)}</div>
          <div className="ll-inspect-grid">
            {b.heads.map((h, i) => {
              const n = Math.max(h.length, h[0]?.length ?? 0);
              // Labels need cells of 10 px or more (9 px text); longer sequences get smaller cells and no labels.
              const cell = Math.max(4, Math.min(16, Math.floor(300 / Math.max(n, 1))));
              const rowLabels = view.queryTokens ?? h.map((_, q) => String(q + 1));
              const colLabels = view.keyTokens ?? (h[0] ?? []).map((_, k) => String(k + 1));
              const labels = cell >= 10;
              return (
                <figure key={i} className="ll-inspect-head" data-testid="inspect-head">
                  <figcaption>{t('training:inspect.head', { head: i + 1 })}</figcaption>
                  <HeatMap rows={h} color={magnitudeScale(0, Math.max(...h.flat(), 1e-9))} cell={cell} {...(labels ? { rowLabels, colLabels } : {})} />
                </figure>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}

export function ActivationViewer({ node, classNames }: { node: NodeActivation; classNames?: string[] }) {
  const { t } = useTranslation(['training']);
  const { view, stats } = node;
  return (
    <div className="ll-inspect-view" data-testid="inspect-view" data-node={node.nodeId} data-view={view.type}>
      <div className="ll-small" data-testid="inspect-stats">
        <strong>{node.kind}</strong> [{node.shape.join(', ')}] · {t('training:inspect.stats', { mean: fmt(stats.mean), std: fmt(stats.std), min: fmt(stats.min), max: fmt(stats.max), zeros: formatPercent(stats.zeros, 1) })}
      </div>
      {view.type === 'maps' && <FeatureMaps view={view} />}
      {view.type === 'bars' && <Bars view={view} labels={classNames && classNames.length === view.total ? classNames : undefined} />}
      {view.type === 'heat' && <Heat view={view} />}
      {view.type === 'lstm' && <Lstm view={view} />}
      {view.type === 'attention' && <Attention view={view} />}
      {view.type === 'none' && <div className="ll-muted ll-small">{view.rank !== undefined ? i18n.t('runlog:inspect.noPicture', { rank: view.rank }) : view.why}</div>}
    </div>
  );
}
