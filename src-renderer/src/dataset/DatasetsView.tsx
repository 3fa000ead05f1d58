// The Datasets view (header: Datasets): every dataset the app knows, on disk or not, its size, where it is and
// whether its checksums were verified, with Download / Remove / Open folder; plus the user's own dataset files that
// the graph on screen and the recent graphs read (userDatasets.ts). In the web host Open folder shows the path (the
// browser cannot open the server's file manager).
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { formatBytes, getDownloadable, type DatasetStatus } from '../../../shared/data/downloads';
import { useGraphStore } from '../store/stores';
import { DownloadProgress } from './DownloadOffer';
import { listRecent } from '../files/recent';
import { userDatasetRefs } from './userDatasets';
import { useDatasetFiles } from './useDatasetFiles';

function stateKey(s: DatasetStatus) {
  if (s.kind === 'bundled' || s.kind === 'generated') return 'training:datasets.state.builtIn' as const;
  if (s.kind === 'user' && !s.location) return 'training:datasets.state.needsPath' as const;
  if (!s.present) return s.kind === 'download' ? ('training:datasets.state.notDownloaded' as const) : ('training:datasets.state.missing' as const);
  return s.verified ? ('training:datasets.state.verified' as const) : ('training:datasets.state.onDisk' as const);
}

function Row({ s }: { s: DatasetStatus }) {
  const downloading = useDatasetFiles((st) => !!st.downloading[s.id]);
  const error = useDatasetFiles((st) => st.errors[s.id]);
  const shown = useDatasetFiles((st) => st.shownPath[s.id]);
  const { download, cancel, remove, openFolder } = useDatasetFiles.getState();
  const downloadable = !!getDownloadable(s.id);
  const size = s.kind === 'download' && !s.present ? s.downloadBytes : s.bytes;
  const { t } = useTranslation(['training']);
  return (
    <tr data-testid={`datasets-row-${s.id}`} data-present={s.present}>
      <td>
        <strong>{s.name}</strong>
        <div className="ll-small ll-muted">{s.note}</div>
        {error && <div className="ll-dl-error ll-small" data-testid="datasets-error">{error}</div>}
        {shown && <div className="ll-small" data-testid="datasets-shown-path">{t('training:datasets.folder')} <code>{shown}</code></div>}
      </td>
      <td data-testid="datasets-state">{t(stateKey(s))}</td>
      <td className="ll-num">{size ? formatBytes(size) : ''}</td>
      <td className="ll-datasets-where">{s.location && <code>{s.location}</code>}</td>
      <td>
        <div className="ll-datasets-actions">
        {downloadable && !s.present && !downloading && (
          <button type="button" className="ll-btn ll-btn-small ll-btn-primary" data-testid="datasets-download" onClick={() => void download(s.id)}>
            {t('training:datasets.download')}
          </button>
        )}
        {downloading && (
          <>
            <DownloadProgress id={s.id} />
            <button type="button" className="ll-btn ll-btn-small" data-testid="datasets-cancel" onClick={() => void cancel(s.id)}>
              {t('training:dataset.cancel')}
            </button>
          </>
        )}
        {downloadable && s.present && s.kind === 'download' && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="datasets-remove" onClick={() => void remove(s.id)}>
            {t('training:datasets.remove')}
          </button>
        )}
        {downloadable && s.present && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="datasets-open-folder" onClick={() => void openFolder(s.id)}>
            {t('training:datasets.openFolder')}
          </button>
        )}
        </div>
      </td>
    </tr>
  );
}

export function DatasetsView({ onClose }: { onClose(): void }) {
  const statuses = useDatasetFiles((s) => s.statuses);
  const dataset = useGraphStore((s) => s.graph.dataset);
  const [failed, setFailed] = useState<string | null>(null);
  const { t } = useTranslation(['training']);
  useEffect(() => {
    void useDatasetFiles.getState().refresh(userDatasetRefs(dataset, listRecent())).catch((e) => setFailed(String(e)));
  }, [dataset]);
  return (
    <div className="ll-modal-backdrop" onMouseDown={onClose}>
      <div className="ll-modal ll-datasets" role="dialog" aria-label={t('training:datasets.title')} data-testid="datasets-view" onMouseDown={(e) => e.stopPropagation()}>
        <h2>{t('training:datasets.title')}</h2>
        {failed && <div className="ll-dl-error">{failed}</div>}
        <div className="ll-datasets-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('training:datasets.col.dataset')}</th>
                <th>{t('training:datasets.col.state')}</th>
                <th>{t('training:datasets.col.size')}</th>
                <th>{t('training:datasets.col.where')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {statuses.map((s) => (
                <Row key={s.id} s={s} />
              ))}
            </tbody>
          </table>
        </div>
        <div className="ll-modal-buttons">
          <button type="button" className="ll-btn" data-testid="datasets-close" onClick={onClose}>
            {t('training:dataset.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
