// Inspector pieces for blocks: the repeated block a selected node belongs to (its repeat count, editable
// after creation, and collapse), and "Save as block" for a multi-selection.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGraphStore } from '../store/graphStore';
import { blockName, blockOfNode } from '../../../shared/graph/repeat';
import { MAX_REPEATS, MIN_REPEATS } from '../../../shared/graph/block-count';
import { changeRepeatCount, saveSelectionAsBlock, toggleBlockCollapsed } from './blockActions';

export function RepeatedBlockSection({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation(['editor']);
  const graph = useGraphStore((s) => s.graph);
  const block = useMemo(() => blockOfNode(graph, nodeId), [graph, nodeId]);
  const count = block?.repeats.length ?? 0;
  const [draft, setDraft] = useState(String(count));
  const [seen, setSeen] = useState(count);
  const [problem, setProblem] = useState<string | null>(null);
  if (seen !== count) {
    setSeen(count);
    setDraft(String(count));
  }
  if (!block) return null;
  const index = block.repeats.findIndex((r) => r.includes(nodeId));
  const commit = () => {
    const n = Number(draft);
    if (draft.trim() === '' || n === count) return setProblem(null);
    setProblem(changeRepeatCount(block.id, n));
  };
  return (
    <section className="ll-section" data-testid="block-section" data-block={block.id}>
      <h3>{t('editor:editor.block.repeatedTitle')}</h3>
      <p className="ll-muted ll-small">
        {t('editor:editor.block.inRepeat', { name: blockName(block), index: index + 1, count })}
        {block.perRepeat && ` ${t('editor:editor.block.perRepeat', { param: block.perRepeat.param, formula: block.perRepeat.formula })}`}
      </p>
      <label className="ll-field">
        <span>{t('editor:editor.block.repeats')}</span>
        <input
          type="number"
          min={MIN_REPEATS}
          max={MAX_REPEATS}
          step={1}
          value={draft}
          data-testid="block-repeats"
          aria-invalid={problem !== null}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            e.stopPropagation();
          }}
        />
      </label>
      {problem && (
        <p className="ll-field-error" role="alert" data-testid="block-repeats-error">
          {problem}
        </p>
      )}
      <button type="button" className="ll-btn ll-btn-small" data-testid="block-collapse" onClick={() => toggleBlockCollapsed(block.id)}>
        {block.collapsed ? t('editor:editor.block.expand') : t('editor:editor.block.collapse')}
      </button>
    </section>
  );
}

export function SaveBlockForm() {
  const { t } = useTranslation(['editor']);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const p = saveSelectionAsBlock(name);
    setProblem(p);
    if (!p) setName('');
  };
  return (
    <section className="ll-section" data-testid="save-block">
      <h3>{t('editor:editor.block.saveTitle')}</h3>
      <p className="ll-muted ll-small">{t('editor:editor.block.saveHelp')}</p>
      <label className="ll-field">
        <span>{t('editor:editor.block.name')}</span>
        <input
          value={name}
          data-testid="save-block-name"
          placeholder={t('editor:editor.block.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            e.stopPropagation();
          }}
        />
      </label>
      {problem && (
        <p className="ll-field-error" role="alert" data-testid="save-block-error">
          {problem}
        </p>
      )}
      <button type="button" className="ll-btn ll-btn-small ll-btn-primary" data-testid="save-block-apply" onClick={save}>
        {t('editor:editor.block.save')}
      </button>
    </section>
  );
}

/** For a multi-selection that lies inside one repeated block (e.g. right after repeating): its controls. */
export function SelectionBlockSection() {
  const selected = useGraphStore((s) => s.nodes.filter((n) => n.selected).map((n) => n.id).join('\u0000'));
  const graph = useGraphStore((s) => s.graph);
  const firstId = useMemo(() => {
    const ids = selected.split('\u0000').filter(Boolean);
    const blocks = new Set(ids.map((id) => blockOfNode(graph, id)?.id));
    return ids.length > 0 && blocks.size === 1 && !blocks.has(undefined) ? ids[0] : null;
  }, [selected, graph]);
  return firstId ? <RepeatedBlockSection nodeId={firstId} /> : null;
}
