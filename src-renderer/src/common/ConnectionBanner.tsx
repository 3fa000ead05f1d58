// Visible notice while the web host cannot be reached; editing keeps working meanwhile.
import { useTranslation } from 'react-i18next';
import { useConnection } from '../api';

export function ConnectionBanner() {
  const { t } = useTranslation(['common']);
  const { status, detail, retryInSec } = useConnection();
  if (status === 'connected') return null;
  if (status === 'connecting') {
    return (
      <div className="ll-banner ll-banner-info" role="status" data-testid="connection-banner" data-status="connecting">
        {t('common:connection.connecting')}
      </div>
    );
  }
  return (
    <div className="ll-banner" role="alert" data-testid="connection-banner" data-status="disconnected">
      <strong>{t('common:connection.disconnected')}</strong> {detail || t('common:connection.unreachable')} {t('common:connection.keepEditing')}
      {retryInSec ? ` ${t('common:connection.retrying', { sec: retryInSec })}` : ''}
    </div>
  );
}
