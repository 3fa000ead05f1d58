// One node's activation drawn as what it is: feature maps as an image grid, a vector as bars, a sequence as a heat
// map over time, an LSTM's gates, every attention head with the tokens on its axes.
import { scaleLinear } from 'd3-scale';
import type { ActivationView, NodeActivation } from '../../../shared/inspect';
import { HeatMap } from './HeatMap';
import { extent, magnitudeScale, signedScale } from './scales';

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));

function FeatureMaps({ view }: { view: Extract<ActivationView, { type: 'maps' }> }) {
  const cell = Math.max(2, Math.floor(72 / Math.max(view.height, view.width)));
  return (
    <div className="ll-inspect-grid" data-testid="inspect-maps" data-maps={view.maps.length}>
      {view.maps.map((m, c) => {
        const rows = Array.from({ length: view.height }, (_, y) => m.slice(y * view.width, (y + 1) * view.width));
        const [lo, hi] = extent(rows);
        return (
          <figure key={c} className="ll-inspect-map">
            <HeatMap rows={rows} color={magnitudeScale(lo, hi)} cell={cell} title={`channel ${c + 1}: ${fmt(lo)} .. ${fmt(hi)}`} />
            <figcaption>ch {c + 1}</figcaption>
          </figure>
        );
      })}
      {view.channels > view.maps.length && <div className="ll-muted ll-small">first {view.maps.length} of {view.channels} channels</div>}
    </div>
  );
}

function Bars({ view, labels }: { view: Extract<ActivationView, { type: 'bars' }>; labels?: string[] }) {
  const width = Math.min(720, Math.max(160, view.values.length * 14));
  const height = 120;
  const lo = Math.min(0, ...view.values);
  const hi = Math.max(0, ...view.values, 1e-9);
  const y = scaleLinear().domain([lo, hi]).range([height - 14, 4]);
  const bw = width / view.values.length;
  const showLabels = labels && view.values.length <= 20;
  return (
    <div data-testid="inspect-bars" data-bars={view.values.length}>
      <svg width={width} height={height} className="ll-inspect-bars" role="img" aria-label={`${view.values.length} activations as bars`}>
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="ll-inspect-axis" />
        {view.values.map((v, i) => (
          <rect key={i} x={i * bw + 1} width={Math.max(1, bw - 2)} y={Math.min(y(v), y(0))} height={Math.abs(y(v) - y(0))} className={v < 0 ? 'neg' : 'pos'}>
            <title>{`${labels?.[i] ?? `unit ${i}`}: ${fmt(v)}`}</title>
          </rect>
        ))}
        {showLabels &&
          view.values.map((_, i) => (
            <text key={i} x={i * bw + bw / 2} y={height - 2} textAnchor="middle">
              {labels![i] || `#${i}`}
            </text>
          ))}
      </svg>
      {view.total > view.values.length && <div className="ll-muted ll-small">first {view.values.length} of {view.total} units</div>}
    </div>
  );
}

function Heat({ view }: { view: Extract<ActivationView, { type: 'heat' }> }) {
  return (
    <div data-testid="inspect-heat">
      <div className="ll-muted ll-small">rows: {view.steps} time steps (top = first) · columns: {view.units} units · blue negative, red positive</div>
      <HeatMap rows={view.rows} color={signedScale(view.rows)} cell={Math.max(3, Math.min(10, Math.floor(480 / Math.max(view.rows[0]?.length ?? 1, 1))))} />
      {(view.steps > view.rows.length || view.units > (view.rows[0]?.length ?? 0)) && <div className="ll-muted ll-small">trimmed to {view.rows.length} x {view.rows[0]?.length ?? 0}</div>}
    </div>
  );
}

function Lstm({ view }: { view: Extract<ActivationView, { type: 'lstm' }> }) {
  const cell = Math.max(3, Math.min(8, Math.floor(112 / Math.max(view.gates.i[0]?.length ?? 1, 1))));
  const gate = (name: string, rows: number[][], what: string) => (
    <figure className="ll-inspect-gate" data-testid={`inspect-gate-${name}`}>
      <figcaption>
        <strong>{name}</strong> {what}
      </figcaption>
      <HeatMap rows={rows} color={name === 'c' || name === 'h' ? signedScale(rows) : magnitudeScale(0, 1)} cell={cell} />
    </figure>
  );
  return (
    <div data-testid="inspect-lstm">
      <div className="ll-muted ll-small">rows: {view.steps} time steps (top = first) · columns: {view.units} units · gates 0 (dark) to 1 (yellow); c and h blue negative, red positive</div>
      <div className="ll-inspect-grid">
        {gate('i', view.gates.i, 'input gate: how much new content is written')}
        {gate('f', view.gates.f, 'forget gate: how much of the cell is kept')}
        {gate('o', view.gates.o, 'output gate: how much of the cell is shown')}
        {gate('c', view.gates.c, 'cell state')}
        {gate('h', view.h, 'hidden state (the output)')}
      </div>
    </div>
  );
}

function Attention({ view }: { view: Extract<ActivationView, { type: 'attention' }> }) {
  return (
    <div data-testid="inspect-attention">
      <div className="ll-muted ll-small">each row is a query position, each column a key it attends to; brighter = more weight (each row sums to 1)</div>
      {view.blocks.map((b) => (
        <div key={b.name} className="ll-inspect-block">
          <div className="ll-small">{b.name}</div>
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
                  <figcaption>head {i + 1}</figcaption>
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
  const { view, stats } = node;
  return (
    <div className="ll-inspect-view" data-testid="inspect-view" data-node={node.nodeId} data-view={view.type}>
      <div className="ll-small" data-testid="inspect-stats">
        <strong>{node.kind}</strong> [{node.shape.join(', ')}] · mean {fmt(stats.mean)} · std {fmt(stats.std)} · min {fmt(stats.min)} · max {fmt(stats.max)} · zeros {(stats.zeros * 100).toFixed(1)}%
      </div>
      {view.type === 'maps' && <FeatureMaps view={view} />}
      {view.type === 'bars' && <Bars view={view} labels={classNames && classNames.length === view.total ? classNames : undefined} />}
      {view.type === 'heat' && <Heat view={view} />}
      {view.type === 'lstm' && <Lstm view={view} />}
      {view.type === 'attention' && <Attention view={view} />}
      {view.type === 'none' && <div className="ll-muted ll-small">{view.why}</div>}
    </div>
  );
}
