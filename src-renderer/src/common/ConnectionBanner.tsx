// Visible notice while the web host cannot be reached; editing keeps working meanwhile.
import { useConnection } from '../api';

export function ConnectionBanner() {
  const { status, detail, retryInSec } = useConnection();
  if (status === 'connected') return null;
  if (status === 'connecting') {
    return (
      <div className="ll-banner ll-banner-info" role="status" data-testid="connection-banner" data-status="connecting">
        Connecting to the LayerLab host…
      </div>
    );
  }
  return (
    <div className="ll-banner" role="alert" data-testid="connection-banner" data-status="disconnected">
      <strong>Disconnected.</strong> {detail || 'The LayerLab host is not reachable.'} You can keep editing; training and opening or saving
      through the host need it.{retryInSec ? ` Retrying in ${retryInSec}s…` : ''}
    </div>
  );
}
