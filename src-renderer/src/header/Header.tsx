// Top bar: file name with unsaved mark, total parameters, backend badge, file and training buttons.
import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { TEMPLATES } from '../../../shared/templates';
import { formatCount } from '../../../shared/infer';
import { engineLabel } from '../training/format';
import { useAppInfo, useGraphStore, useTraining } from '../store/stores';
import { baseName } from '../files/names';
import { loadTemplate, newFile, openFile, saveFile } from '../files/fileActions';
import { isActive } from '../training/trainState';
import { toggleTraining } from '../training/actions';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function TemplatesMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  return (
    <div className="ll-menu" ref={ref}>
      <button type="button" className="ll-btn" aria-haspopup="menu" aria-expanded={open} data-testid="btn-templates" onClick={() => setOpen(!open)}>
        Templates ▾
      </button>
      {open && (
        <div className="ll-menu-list" role="menu" data-testid="templates-menu">
          {TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              role="menuitem"
              className="ll-menu-item"
              data-testid={`template-${t.id}`}
              onClick={() => {
                setOpen(false);
                void loadTemplate(t.graph, t.name);
              }}
            >
              <span className="ll-menu-name">{t.name}</span>
              <span className="ll-menu-desc">{t.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

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
      <div className="ll-stat" title={`${totalParams.toLocaleString('en-US')} parameters`}>
        <strong data-testid="total-params" data-value={totalParams}>
          {formatCount(totalParams)}
        </strong>{' '}
        params
      </div>
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
      <TemplatesMenu />
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
        title={`${active ? 'Stop training' : 'Train'} (${MOD}Enter)`}
        disabled={status === 'stopping'}
        onClick={toggleTraining}
      >
        {active ? (status === 'stopping' ? 'Stopping…' : '■ Stop') : '▶ Train'}
      </button>
    </header>
  );
}
