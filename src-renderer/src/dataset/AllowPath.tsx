// Shown instead of a preview when the host refused to read the dataset's path because nobody allowed it yet:
// the path came inside a graph file (anyone's), not from the user. One click allows it after a look at the path.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { api } from '../api';
import { allowDatasetPath } from './pathGrant';

export function AllowPath({ path, onAllowed }: { path: string; onAllowed(): void }) {
  const [declined, setDeclined] = useState(false);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation(['training']);
  const allow = async () => {
    setBusy(true);
    const allowed = await allowDatasetPath(api, path);
    setBusy(false);
    setDeclined(!allowed);
    if (allowed) onAllowed();
  };
  return (
    <div className="ll-ds-allow" role="alert" data-testid="dataset-allow-path">
      <strong>{t('training:dataset.allow.title')}</strong>
      <p>
        {t('training:dataset.allow.before')} <code data-testid="dataset-allow-path-value">{path}</code>{t('training:dataset.allow.after')}
      </p>
      <button type="button" className="ll-btn ll-btn-small" onClick={() => void allow()} disabled={busy} data-testid="dataset-allow-path-button">
        {t('training:dataset.allow.button')}
      </button>
      {declined && <div className="ll-small">{t('training:dataset.allow.declined')}</div>}
    </div>
  );
}
