// Attention weights after training: one small heatmap per head for each chosen sample ([queries][keys],
// brighter = more weight), so a student sees where each position looks.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { AttentionMaps as Maps } from '../../../shared/api';

function Heatmap({ weights, label }: { weights: number[][]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = weights.length;
  const cols = weights[0]?.length ?? 0;
  const { t } = useTranslation(['training']);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || rows === 0 || cols === 0) return;
    const img = ctx.createImageData(cols, rows);
    for (let q = 0; q < rows; q++) {
      const max = Math.max(...weights[q], 1e-9);
      for (let k = 0; k < cols; k++) {
        const t = Math.max(0, weights[q][k]) / max;
        img.data.set([Math.round(20 + 230 * t), Math.round(30 + 160 * t), Math.round(80 + 60 * (1 - t)), 255], (q * cols + k) * 4);
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [weights, rows, cols]);
  return (
    <figure className="ll-attn-map" title={t('training:attention.mapTitle', { label })}>
      <canvas ref={ref} width={cols} height={rows} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function AttentionMapsView({ maps }: { maps: Maps[] }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-eval-block ll-eval-gallery" data-testid="eval-attention">
      <h4>{t('training:attention.title')}</h4>
      {maps.map((m) => (
        <div key={m.nodeId} className="ll-attn-layer">
          <div className="ll-muted ll-small">
            {m.kind} {m.layer}
          </div>
          {m.samples.map((s) => (
            <div key={s.index} className="ll-gallery">
              {s.heads.map((h, i) => (
                <Heatmap key={i} weights={h} label={t('training:attention.sampleHead', { sample: s.index, head: i + 1 })} />
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
