// Right panel: the selected node, or the graph's dataset and training settings when nothing is selected.
import { useTranslation } from 'react-i18next';
import { useGraphStore, selectedNodeId } from '../store/stores';
import { NodeInspector } from './NodeInspector';
import { GraphSettings } from './GraphSettings';
import { SaveBlockForm, SelectionBlockSection } from '../editor/BlockPanels';

export function Inspector() {
  const { t } = useTranslation(['editor']);
  const selected = useGraphStore(selectedNodeId);
  const count = useGraphStore((s) => s.nodes.reduce((n, x) => n + (x.selected ? 1 : 0), 0));
  return (
    <aside className="ll-inspector" aria-label={t('editor:inspector.aria')}>
      {selected ? (
        <NodeInspector key={selected} nodeId={selected} />
      ) : count > 1 ? (
        <div className="ll-inspector-body">
          <p className="ll-muted">{t('editor:inspector.nodesSelected', { n: count })}</p>
          <SelectionBlockSection />
          <SaveBlockForm />
        </div>
      ) : (
        <GraphSettings />
      )}
    </aside>
  );
}
