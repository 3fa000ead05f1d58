// The dataset panel: sizes, shapes, class balance and a grid of samples of the graph's dataset setting.
// It sits over the canvas and leaves the inspector usable, so changing the representation, a path or an
// option there reloads the preview (after a short pause, so typing a path does not load every keystroke).
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import type { DatasetPreview } from '../../../shared/data/preview';
import { formatShape } from '../../../shared/layers/types';
import { useAppInfo, useGraphStore } from '../store/stores';
import { BalanceChart } from './BalanceChart';
import { SampleCard } from './SampleCard';
import { usePreview } from './usePreview';
import { formatValue } from './sampleView';
import { AllowPath } from './AllowPath';
import { datasetPathOf } from './pathGrant';
import { DownloadOffer } from './DownloadOffer';
import { downloadNeeded } from './datasetFilesStore';
import { useDatasetFiles } from './useDatasetFiles';
import './dataset.css';

const RELOAD_DELAY_MS = 350;

/** The host prefixes errors with the method name; the user needs only the file and the problem. */
function readableError(message: string): string {
  return message.replace(/^previewDataset(?: failed)?: /, '');
}

/** A split's name as a catalogue key (also the Try panel's). */
export const SPLIT_KEY = { train: 'training:dataset.split.train', validation: 'training:dataset.split.validation', test: 'training:dataset.split.test' } as const;

function Sizes({ sizes }: { sizes: DatasetPreview['sizes'] }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-ds-sizes">
      {(['train', 'validation', 'test'] as const).map((s) => (
        <div key={s} className="ll-ds-size" data-testid={`size-${s}`}>
          <span className="ll-muted ll-small">{t(SPLIT_KEY[s])}</span>
          <strong>{sizes[s].toLocaleString('en-US')}</strong>
        </div>
      ))}
    </div>
  );
}

function Shapes({ preview }: { preview: DatasetPreview }) {
  const { shapes, stats } = preview;
  const { t } = useTranslation(['training']);
  return (
    <dl className="ll-ds-shapes" data-testid="preview-shapes">
      {Object.entries(shapes.features).map(([k, s]) => (
        <div key={`f-${k}`} data-testid={`preview-feature-${k}`}>
          <dt>{t('training:dataset.input', { name: k })}</dt>
          <dd>
            <code>{formatShape(s)}</code>
            {stats[k] && (
              <span className="ll-muted ll-small">
                {' '}
                {t('training:dataset.stats', { min: formatValue(stats[k].min), max: formatValue(stats[k].max), mean: formatValue(stats[k].mean), sd: formatValue(stats[k].std) })}
              </span>
            )}
          </dd>
        </div>
      ))}
      {Object.entries(shapes.targets).map(([k, s]) => (
        <div key={`t-${k}`} data-testid={`preview-target-${k}`}>
          <dt>{t('training:dataset.target', { name: k })}</dt>
          <dd>
            <code>{formatShape(s)}</code>
            {shapes.numClasses ? <span className="ll-muted ll-small"> · {t('training:dataset.classes', { count: shapes.numClasses })}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PreviewBody({ preview }: { preview: DatasetPreview }) {
  const descriptor = useAppInfo((s) => s.datasets.find((d) => d.id === preview.id));
  const imageDataset = descriptor?.representations.includes('image') ?? false;
  const { t } = useTranslation(['training']);
  return (
    <>
      <Sizes sizes={preview.sizes} />
      <Shapes preview={preview} />
      {preview.classBalance && (
        <section className="ll-ds-block">
          <h3>{t('training:dataset.classBalance')}</h3>
          <BalanceChart balance={preview.classBalance} classNames={preview.classNames} />
        </section>
      )}
      <section className="ll-ds-block">
        <h3>{t('training:dataset.samples')}</h3>
        {preview.samples.length === 0 ? (
          <p className="ll-muted">{t('training:dataset.noSamples')}</p>
        ) : (
          <div className={`ll-ds-grid${imageDataset ? ' ll-ds-grid-images' : ''}`} data-testid="dataset-samples">
            {preview.samples.map((s) => (
              <SampleCard key={`${s.split}-${s.index}`} preview={preview} sample={s} imageDataset={imageDataset} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

export function DatasetPanel() {
  const dataset = useGraphStore((s) => s.graph.dataset);
  const { status: lastStatus, preview, error, errorCode, requested, load, close } = usePreview();
  // Until the (debounced) request for the current setting is out, what is shown belongs to an older one.
  const status = requested === JSON.stringify(dataset) ? lastStatus : 'loading';
  const name = useAppInfo((s) => s.datasets.find((d) => d.id === dataset.id)?.name ?? dataset.id);
  // A downloadable set that is not on disk: the offer replaces the preview's "missing" error.
  const needed = downloadNeeded(dataset);
  const missing = useDatasetFiles((s) => !!needed && s.statuses.some((x) => x.id === needed && !x.present));
  const { t } = useTranslation(['training']);

  useEffect(() => {
    if (missing) return; // nothing to read until it is downloaded
    const timer = setTimeout(() => void load(dataset), RELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dataset, load, missing]);

  useEffect(() => {
    if (needed) void useDatasetFiles.getState().refresh().catch(() => undefined);
  }, [needed]);

  useEffect(() => {
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', esc);
    return () => document.removeEventListener('keydown', esc);
  }, [close]);

  const stale = preview && preview.id !== dataset.id;
  return (
    <div className="ll-ds-panel" role="dialog" aria-labelledby="ll-ds-title" data-testid="dataset-panel" data-status={status}>
      <header className="ll-ds-head">
        <h2 id="ll-ds-title">{name}</h2>
        {status === 'loading' && !missing && (
          <span className="ll-ds-loading" role="status" data-testid="dataset-preview-loading">
            <span className="ll-ds-spinner" aria-hidden /> {t('training:dataset.loading')}
          </span>
        )}
        <button type="button" className="ll-btn ll-btn-small" onClick={() => void load(dataset, true)} disabled={status === 'loading' || missing} data-testid="dataset-preview-reload">
          {t('training:dataset.reload')}
        </button>
        <button type="button" className="ll-btn ll-btn-small" onClick={close} aria-label={t('training:dataset.closeAria')} data-testid="dataset-preview-close">
          {t('training:dataset.close')}
        </button>
      </header>
      <div className="ll-ds-scroll">
        {needed && missing ? (
          <DownloadOffer id={needed} onReady={() => void load(dataset, true)} />
        ) : lastStatus === 'error' && errorCode === 'forbidden' && datasetPathOf(dataset) ? (
          <AllowPath path={datasetPathOf(dataset)} onAllowed={() => void load(dataset, true)} />
        ) : lastStatus === 'error' && error ? (
          <div className={`ll-error-box${status === 'loading' ? ' ll-ds-dim' : ''}`} role="alert" data-testid="dataset-preview-error">
            <strong>{t('training:dataset.couldNotLoad')}</strong>
            <div className="ll-ds-error-message">{readableError(error)}</div>
            <div className="ll-small">{t('training:dataset.fixPath')}</div>
          </div>
        ) : preview && !stale ? (
          <div className={status === 'loading' ? 'll-ds-dim' : undefined}>
            <PreviewBody preview={preview} />
          </div>
        ) : (
          status === 'loading' && <p className="ll-muted">{t('training:dataset.reading', { name })}</p>
        )}
      </div>
    </div>
  );
}
