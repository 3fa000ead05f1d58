// Top bar: file name with unsaved mark, total parameters, backend badge, file and training buttons, language.
import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/i18n/format';
import { messageText } from '../../../shared/i18n/layer-text';
import { LanguageSwitch } from './LanguageSwitch';
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
  const { t } = useTranslation(['common']);
  const backend = running ?? info?.backend ?? null;
  if (!backend) return null;
  const name = engine ? engineLabel(engine) : backend.name;
  return (
    <span className={`ll-badge ll-backend-${engine ? 'pytorch' : backend.name}`} title={backend.reason} data-testid="backend-badge" aria-label={t('common:header.backendLabel', { name, reason: backend.reason })}>
      {name}
    </span>
  );
}

export function Header() {
  const { t } = useTranslation(['common']);
  const [datasetsOpen, setDatasetsOpen] = useState(false);
  const name = useGraphStore((s) => s.graph.name);
  const filePath = useGraphStore((s) => s.filePath);
  const dirty = useGraphStore((s) => s.dirty);
  const totalParams = useGraphStore((s) => s.inference.totalParams);
  const errorCount = useGraphStore((s) => s.inference.errors.length);
  const { fitView } = useReactFlow();
  const firstErr = useGraphStore((s) => s.inference.errors[0]);
  const firstError = firstErr ? messageText(firstErr, firstErr.message) : null; // in the current language
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
  const keys = `${MOD}Enter`;
  const trainTitle = !active
    ? t('common:header.trainTitle', { keys })
    : otherRun !== null
      ? t('common:header.stopOtherTitle', { name: otherRun, keys })
      : t('common:header.stopTitle', { keys });

  return (
    <header className="ll-header">
      <div className="ll-brand" aria-hidden>
        <span className="ll-logo">◆</span> LayerLab
      </div>
      <div className="ll-title" title={filePath ?? t('common:header.notSaved')}>
        <span data-testid="file-name">{filePath ? baseName(filePath) : name}</span>
        {dirty && (
          <span className="ll-dirty" data-testid="dirty-mark" title={t('common:header.unsaved')} aria-label={t('common:header.unsaved')}>
            ●
          </span>
        )}
      </div>
      <button
        type="button"
        className="ll-stat ll-stat-button"
        data-testid="total-params-toggle"
        aria-pressed={exact}
        title={exact ? t('common:header.paramsTitleShort', { n: formatNumber(totalParams) }) : t('common:header.paramsTitleExact', { n: formatNumber(totalParams) })}
        onClick={() => setExact(!exact)}
      >
        <strong data-testid="total-params" data-value={totalParams} data-exact={exact}>
          {exact ? formatNumber(totalParams) : formatCount(totalParams)}
        </strong>{' '}
        {t('common:header.params')}
      </button>
      {errorCount > 0 && (
        <button type="button" className="ll-stat ll-stat-error ll-link" data-testid="error-count" title={firstError ?? ''} onClick={showFirstError}>
          {t('common:header.problems', { count: errorCount })}
        </button>
      )}
      <BackendBadge />
      <div className="ll-spacer" />
      <LanguageSwitch />
      <button type="button" className="ll-btn" data-testid="btn-new" title={t('common:header.newTitle')} onClick={() => void newFile()}>
        {t('common:header.new')}
      </button>
      <button type="button" className="ll-btn" data-testid="btn-templates" aria-haspopup="dialog" title={t('common:header.templatesTitle')} onClick={openGallery}>
        {t('common:header.templates')}
      </button>
      <button type="button" className="ll-btn" data-testid="btn-datasets" aria-haspopup="dialog" title={t('common:header.datasetsTitle')} onClick={() => setDatasetsOpen(true)}>
        {t('common:header.datasets')}
      </button>
      {datasetsOpen && <DatasetsView onClose={() => setDatasetsOpen(false)} />}
      <button type="button" className="ll-btn" data-testid="btn-open" title={t('common:header.openTitle', { keys: `${MOD}O` })} onClick={() => void openFile()}>
        {t('common:header.open')}
      </button>
      <button type="button" className="ll-btn" data-testid="btn-save" title={t('common:header.saveTitle', { keys: `${MOD}S` })} onClick={() => void saveFile()}>
        {t('common:header.save')}
      </button>
      <button
        type="button"
        className={`ll-btn ${active ? 'll-btn-stop' : 'll-btn-primary'}`}
        data-testid="btn-train"
        title={trainTitle}
        disabled={status === 'stopping'}
        data-other-graph={active && otherRun !== null}
        onClick={toggleTraining}
      >
        {active ? (status === 'stopping' ? t('common:header.stopping') : t('common:header.stop')) : t('common:header.train')}
      </button>
    </header>
  );
}
