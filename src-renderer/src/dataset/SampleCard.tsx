// One sample of the dataset panel's grid: its features drawn the way they read best, and its target.
import { useTranslation } from 'react-i18next';
import type { DatasetPreview, PreviewSample, PreviewTensor } from '../../../shared/data/preview';
import { HeatMap, ImageCanvas, SeriesPlot } from './SampleViews';
import { formatValue, tokenDisplay, valueRange, viewFor } from './sampleView';

const MAX_NUMBERS = 8;

function Numbers({ t }: { t: PreviewTensor }) {
  const shown = t.values.slice(0, MAX_NUMBERS).map(formatValue).join(', ');
  return (
    <code className="ll-ds-numbers" data-testid="sample-numbers">
      {shown}
      {t.values.length > MAX_NUMBERS ? `, … (${t.values.length})` : ''}
    </code>
  );
}

function Feature({ preview, name, t, imageDataset, target }: { preview: DatasetPreview; name: string; t: PreviewTensor; imageDataset: boolean; target?: PreviewTensor }) {
  const view = viewFor(preview.task, t.shape, imageDataset);
  switch (view.kind) {
    case 'image':
      return <ImageCanvas values={t.values} dims={view} range={valueRange(t.values, preview.stats[name])} />;
    case 'heatmap':
      return <HeatMap values={t.values} rows={view.rows} cols={view.cols} range={valueRange(t.values, preview.stats[name])} />;
    case 'series':
      return <SeriesPlot input={t.values} target={target && preview.task === 'regression' ? target.values : []} />;
    case 'tokens':
      return (
        <code className="ll-ds-text" data-testid="sample-text">
          {tokenDisplay(t)}
        </code>
      );
    default:
      return <Numbers t={t} />;
  }
}

function Target({ preview, sample }: { preview: DatasetPreview; sample: PreviewSample }) {
  if (sample.label !== undefined) {
    return (
      <span className="ll-ds-label" data-testid="sample-label">
        {sample.labelName ?? sample.label}
      </span>
    );
  }
  const entries = Object.entries(sample.targets);
  if (entries.length === 0) return null;
  return (
    <>
      {entries.map(([name, t]) =>
        preview.task === 'sequence' ? (
          <code key={name} className="ll-ds-text ll-ds-target" data-testid="sample-target-text">
            → {tokenDisplay(t)}
          </code>
        ) : (
          <span key={name} className="ll-ds-target ll-small">
            → <Numbers t={t} />
          </span>
        ),
      )}
    </>
  );
}

export function SampleCard({ preview, sample, imageDataset }: { preview: DatasetPreview; sample: PreviewSample; imageDataset: boolean }) {
  const features = Object.entries(sample.features);
  const firstTarget = Object.values(sample.targets)[0];
  const { t: tr } = useTranslation(['training']);
  const split = { train: 'training:dataset.split.train', validation: 'training:dataset.split.validation', test: 'training:dataset.split.test' } as const;
  return (
    <figure className="ll-ds-sample" data-testid="dataset-sample" data-split={sample.split}>
      {features.map(([name, t]) => (
        <div key={name} className="ll-ds-feature">
          {features.length > 1 && <span className="ll-ds-feature-name">{name}</span>}
          <Feature preview={preview} name={name} t={t} imageDataset={imageDataset} target={firstTarget} />
        </div>
      ))}
      <figcaption>
        <Target preview={preview} sample={sample} />
        <span className="ll-muted ll-small ll-ds-where">
          {tr(split[sample.split])} #{sample.index}
        </span>
      </figcaption>
    </figure>
  );
}
