// Shown instead of a preview when the host refused to read the dataset's path because nobody allowed it yet:
// the path came inside a graph file (anyone's), not from the user. One click allows it after a look at the path.
import { useState } from 'react';
import { api } from '../api';
import { allowDatasetPath } from './pathGrant';

export function AllowPath({ path, onAllowed }: { path: string; onAllowed(): void }) {
  const [declined, setDeclined] = useState(false);
  const [busy, setBusy] = useState(false);
  const allow = async () => {
    setBusy(true);
    const allowed = await allowDatasetPath(api, path);
    setBusy(false);
    setDeclined(!allowed);
    if (allowed) onAllowed();
  };
  return (
    <div className="ll-ds-allow" role="alert" data-testid="dataset-allow-path">
      <strong>LayerLab has not read this dataset yet.</strong>
      <p>
        This graph reads <code data-testid="dataset-allow-path-value">{path}</code>, a path that came with the graph
        rather than from you. A graph file can name any file on this computer, so LayerLab reads it only once you allow
        it. Allow it if it is the dataset you expect; otherwise change the Path in the inspector.
      </p>
      <button type="button" className="ll-btn ll-btn-small" onClick={() => void allow()} disabled={busy} data-testid="dataset-allow-path-button">
        Allow reading this path
      </button>
      {declined && <div className="ll-small">Not allowed: the path stays unread.</div>}
    </div>
  );
}
