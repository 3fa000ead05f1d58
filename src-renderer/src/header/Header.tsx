// Top bar: file name with unsaved mark, total parameters, backend badge, file and training buttons.
import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { graphIdOf } from '../../../shared/graph/identity';
import { formatCount } from '../../../shared/infer';
import { engineLabel } from '../training/format';
import { useAppInfo, useGraphStore, useTraining } from '../store/stores';
import { baseName } from '../files/names';
import { newFile, openFile, saveFile } from '../files/fileActions';
import { openGallery } from '../templates/galleryStore';
import { isActive } from '../training/trainState';
import { toggleTraining } from '../training/actions';
import { DatasetsView } from '../dataset/DatasetsView';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function BackendBadge() {
  const info = useAppInfo((s) => s.info);
  const running = useTraining((s) => s.backend);
  const engine = useTraining((s) => s.engine);
  const backend = running ?? info?.backend ?? null;
  if (!backend) return null;
  const name = engine ? engineLabel(engine) : backend.name;
  return (
    <span className={`ll-badge ll-backend-${engine ? 'pytorch' : backend.name}`} title={backend.reason} data-testid="backend-badge" aria-label={`Backend ${name}: ${backend.reason}`}>
      {name}
    </span>
  );
}

export function Header() {
  const [datasetsOpen, setDatasetsOpen] = useState(false);
  const name = useGraphStore((s) => s.graph.name);
  const filePath = useGraphStore((s) => s.filePath);
  const dirty = useGraphStore((s) => s.dirty);
  const totalParams = useGraphStore((s) => s.inference.totalParams);
  const errorCount = useGraphStore((s) => s.inference.errors.length);
  const { fitView } = useReactFlow();
  const firstError = useGraphStore((s) => s.inference.errors[0]?.message ?? null);
  const showFirstError = () => {
    const { inference, select } = useGraphStore.getState();
    const withNode = inference.errors.find((e) => e.nodeId);
    if (!withNode?.nodeId) return;
    select(withNode.nodeId);
    void fitView({ nodes: [{ id: withNode.nodeId }], maxZoom: 1, duration: 300 });
  };
  const status = useTraining((s) => s.status);
  const active = isActive(status);
  const [exact, setExact] = useState(false);
  const graphId = useGraphStore((s) => graphIdOf(s.graph));
  const otherRun = useTraining((s) => (s.graphId !== graphId ? s.graphName : null));
  const stopTitle = active && otherRun !== null ? `Stop the run of "${otherRun}" (another graph)` : 'Stop training';

  return (
    <header className="ll-header">
      <div className="ll-brand" aria-hidden>
        <span className="ll-logo">◆</span> LayerLab
      </div>
      <div className="ll-title" title={filePath ?? 'Not saved to a file yet'}>
        <span data-testid="file-name">{filePath ? baseName(filePath) : name}</span>
        {dirty && (
          <span className="ll-dirty" data-testid="dirty-mark" title="Unsaved changes" aria-label="Unsaved changes">
            ●
          </span>
        )}
      </div>
      <button
        type="button"
        className="ll-stat ll-stat-button"
        data-testid="total-params-toggle"
        aria-pressed={exact}
        title={`${totalParams.toLocaleString('en-US')} parameters (click to show ${exact ? 'the short form' : 'every digit'})`}
        onClick={() => setExact(!exact)}
      >
        <strong data-testid="total-params" data-value={totalParams} data-exact={exact}>
          {exact ? totalParams.toLocaleString('en-US') : formatCount(totalParams)}
        </strong>{' '}
        params
      </button>
      {errorCount > 0 && (
        <button type="button" className="ll-stat ll-stat-error ll-link" data-testid="error-count" title={firstError ?? ''} onClick={showFirstError}>
          {errorCount} {errorCount === 1 ? 'problem' : 'problems'}
        </button>
      )}
      <BackendBadge />
      <div className="ll-spacer" />
      <button type="button" className="ll-btn" data-testid="btn-new" title="New graph" onClick={() => void newFile()}>
        New
      </button>
      <button type="button" className="ll-btn" data-testid="btn-templates" aria-haspopup="dialog" title="Browse the templates: one working model per idea of the course" onClick={openGallery}>
        Templates…
      </button>
      <button type="button" className="ll-btn" data-testid="btn-datasets" aria-haspopup="dialog" title="Every dataset: on this computer or not, size, where; download, remove" onClick={() => setDatasetsOpen(true)}>
        Datasets
      </button>
      {datasetsOpen && <DatasetsView onClose={() => setDatasetsOpen(false)} />}
      <button type="button" className="ll-btn" data-testid="btn-open" title={`Open a graph file (${MOD}O)`} onClick={() => void openFile()}>
        Open
      </button>
      <button type="button" className="ll-btn" data-testid="btn-save" title={`Save (${MOD}S)`} onClick={() => void saveFile()}>
        Save
      </button>
      <button
        type="button"
        className={`ll-btn ${active ? 'll-btn-stop' : 'll-btn-primary'}`}
        data-testid="btn-train"
        title={`${active ? stopTitle : 'Train'} (${MOD}Enter)`}
        disabled={status === 'stopping'}
        data-other-graph={active && otherRun !== null}
        onClick={toggleTraining}
      >
        {active ? (status === 'stopping' ? 'Stopping…' : '■ Stop') : '▶ Train'}
      </button>
    </header>
  );
}
