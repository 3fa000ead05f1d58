// Shown wherever a graph's dataset is a downloadable set that is not on this computer yet (the inspector's dataset
// section, the dataset panel, after a refused Train): what is missing, its size, Download with progress, Cancel,
// and when the download fails the reason (offline: which files to place where by hand).
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { downloadBytes, formatBytes, getDownloadable, progressText } from '../../../shared/data/downloads';
import { useDatasetFiles } from './useDatasetFiles';

export function DownloadProgress({ id }: { id: string }) {
  const p = useDatasetFiles((s) => s.progress[id]);
  const pct = p && p.total > 0 ? Math.floor((100 * p.received) / p.total) : 0;
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-dl-progress" data-testid={`download-progress-${id}`}>
      <div className="ll-progress" role="progressbar" aria-label={t('training:dataset.downloadProgress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="ll-progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <span className="ll-small ll-muted" data-testid="download-progress-text">{p ? progressText(p) : t('training:dataset.connecting')}</span>
    </div>
  );
}

/** `onReady` runs once the set is on disk (the panel reloads its preview). Renders nothing while the set is there. */
export function DownloadOffer({ id, onReady }: { id: string; onReady?: () => void }) {
  const set = getDownloadable(id);
  const status = useDatasetFiles((s) => s.statuses.find((x) => x.id === id));
  const loaded = useDatasetFiles((s) => s.loaded);
  const downloading = useDatasetFiles((s) => !!s.downloading[id]);
  const error = useDatasetFiles((s) => s.errors[id]);
  const { refresh, download, cancel } = useDatasetFiles.getState();
  const { t } = useTranslation(['training']);
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, [id, refresh]);
  if (!set || !loaded || !status || status.present) return null;
  const size = formatBytes(downloadBytes(set));
  const start = async () => {
    if (await download(id)) onReady?.();
  };
  return (
    <div className="ll-dl-offer" role="alert" data-testid="dataset-download-offer" data-dataset={id}>
      <strong>{t('training:dataset.notHere', { name: set.name })}</strong>
      <p className="ll-small">
        {t('training:dataset.needsDownload', { size, host: new URL(set.mirrors[0]).host })} <code>{status.location}</code>.
        {status.bytes > 0 && !downloading ? ` ${status.note}.` : ''}
      </p>
      {downloading ? (
        <div className="ll-dl-row">
          <DownloadProgress id={id} />
          <button type="button" className="ll-btn ll-btn-small" onClick={() => void cancel(id)} data-testid="dataset-download-cancel">
            {t('training:dataset.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="ll-btn ll-btn-small ll-btn-primary" onClick={() => void start()} data-testid="dataset-download">
          {t('training:dataset.download', { size })}
        </button>
      )}
      {error && (
        <div className="ll-dl-error ll-small" data-testid="dataset-download-error">
          {error}
        </div>
      )}
    </div>
  );
}
