// The Experiments tab: the definition editor for the current graph and the list of experiments on the left,
// the chosen experiment's results on the right.
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useExperiments, useGraphStore } from '../store/stores';
import { graphIdOf } from '../../../shared/graph/identity';
import { isOtherGraph } from '../training/graphResults';
import { OtherGraphBadge } from '../common/OtherGraphBadge';
import { ExperimentEditor } from './ExperimentEditor';
import { EXPERIMENT_STATUS_KEY, ExperimentView } from './ExperimentView';
import { LrFinderButton, LrFinderDialog } from '../training/diagnostics/LrFinderDialog';


export function ExperimentsPanel() {
  const { list, currentId, current, error, refresh, show } = useExperiments();
  const graphId = useGraphStore((s) => graphIdOf(s.graph));
  const { t } = useTranslation(['training']);
  useEffect(() => {
    void refresh().then(() => {
      const s = useExperiments.getState();
      if (!s.currentId && s.list.length > 0) void s.show(s.list[0].id);
      else if (s.currentId) void s.show(s.currentId);
    });
  }, [refresh]);
  return (
    <div className="ll-exps" data-testid="experiments-panel">
      <LrFinderDialog />
      <div className="ll-exps-left">
        <ExperimentEditor />
        <div className="ll-exp-lrfinder ll-small ll-muted">
          {t('training:experiments.notSure')} <LrFinderButton />
        </div>
        {error && (
          <div className="ll-error-box" role="alert" data-testid="exp-error">
            {error}
          </div>
        )}
        {list.length > 0 && (
          <ul className="ll-exp-list" data-testid="exp-list">
            {list.map((e) => (
              <li key={e.id} className={e.id === currentId ? 'active' : ''}>
                <button type="button" className="ll-link" onClick={() => void show(e.id)}>
                  {e.name}
                </button>
                <span className={`ll-status ll-status-${e.status}`}>{t(EXPERIMENT_STATUS_KEY[e.status])}</span>
                <span className="ll-muted">
                  {e.finishedCount}/{e.trialCount}
                </span>
                {isOtherGraph(e.graphId, graphId) && <OtherGraphBadge name={e.name} />}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="ll-exps-right">{current ? <ExperimentView exp={current} /> : <div className="ll-muted ll-empty">{t('training:experiments.empty')}</div>}</div>
    </div>
  );
}
