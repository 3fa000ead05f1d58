// Pictures a layer's help can ask for by name (LayerHelp.diagram). Drawn as SVG from data so the labels stay
// plain strings; colours come from help.css.
import { useTranslation } from 'react-i18next';
import type { HelpDiagramName } from '../../../shared/layers/types';
import './help.css';

const SAMPLES = 3;
const POSITIONS = 4;
const CHANNELS = 4;
const CELL = 9;
const GAP = 10;
const LEFT = 12;
const GRID_W = CHANNELS * CELL;
const GRID_H = POSITIONS * CELL;
const WIDTH = LEFT + SAMPLES * GRID_W + (SAMPLES - 1) * GAP;
/** Title, subtitle, axis label, grid, sample labels. */
const PANEL_H = 30 + GRID_H + 18;

/** One panel: SAMPLES grids of POSITIONS x CHANNELS cells; `marked` says which cells share one mean/variance. */
function Panel({ y, title, subtitle, marked }: { y: number; title: string; subtitle: string; marked(sample: number, pos: number, ch: number): boolean }) {
  const { t } = useTranslation(['editor']);
  const top = y + 30;
  return (
    <g>
      <text x={0} y={y + 8} className="ll-diagram-title">
        {title}
      </text>
      <text x={0} y={y + 17} className="ll-diagram-axis">
        {subtitle}
      </text>
      <text x={LEFT} y={top - 3} className="ll-diagram-axis">
        {t('editor:inspector.diagram.channels')}
      </text>
      <text x={LEFT - 3} y={top + GRID_H / 2} className="ll-diagram-axis" transform={`rotate(-90 ${LEFT - 3} ${top + GRID_H / 2})`} textAnchor="middle">
        {t('editor:inspector.diagram.position')}
      </text>
      {Array.from({ length: SAMPLES }, (_, s) => {
        const x0 = LEFT + s * (GRID_W + GAP);
        return (
          <g key={s}>
            {Array.from({ length: POSITIONS }, (_, p) =>
              Array.from({ length: CHANNELS }, (_, c) => (
                <rect
                  key={`${p}-${c}`}
                  x={x0 + c * CELL}
                  y={top + p * CELL}
                  width={CELL - 1}
                  height={CELL - 1}
                  className={marked(s, p, c) ? 'll-diagram-cell marked' : 'll-diagram-cell'}
                />
              )),
            )}
            <text x={x0 + GRID_W / 2} y={top + GRID_H + 9} className="ll-diagram-axis" textAnchor="middle">
              {t('editor:inspector.diagram.sample', { n: s + 1 })}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function NormalizationAxes() {
  const { t } = useTranslation(['editor']);
  return (
    <figure className="ll-diagram" data-testid="diagram-normalization-axes">
      <svg viewBox={`0 0 ${WIDTH} ${2 * PANEL_H}`} role="img" aria-label={t('editor:inspector.diagram.aria')}>
        <Panel y={0} title="BatchNormalization" subtitle={t('editor:inspector.diagram.batchSubtitle')} marked={(_s, _p, c) => c === 1} />
        <Panel y={PANEL_H} title="LayerNormalization" subtitle={t('editor:inspector.diagram.layerSubtitle')} marked={(s, p) => s === 0 && p === 1} />
      </svg>
      <figcaption>{t('editor:inspector.diagram.caption')}</figcaption>
    </figure>
  );
}

export function HelpDiagram({ name }: { name: HelpDiagramName }) {
  switch (name) {
    case 'normalization-axes':
      return <NormalizationAxes />;
  }
}
