// Layer kinds grouped by category, with search. Drag onto the canvas or click to add at the view centre.
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import { ALL_LAYERS } from '../../../shared/layers';
import type { LayerDef } from '../../../shared/layers/types';
import { useGraphStore } from '../store/stores';
import { LAYER_KIND_MIME, SAVED_BLOCK_MIME } from '../canvas/dnd';
import { freeSpot } from '../store/graphOps';
import { blockLibrary, withBlock, type SavedBlock } from '../../../shared/graph/block-library';
import { useBlockLibrary } from '../editor/blockLibraryStore';
import { deleteSavedBlock, insertBlock } from '../editor/blockActions';
import { useLayerText, type LayerTextFns } from '../layer-text/useLayerText';

/** Saved blocks of the open file first, then the user's own ones not already among them. */
function useMyBlocks(query: string): SavedBlock[] {
  const { t } = useTranslation(['editor']);
  const graph = useGraphStore((s) => s.graph);
  const mine = useBlockLibrary((s) => s.blocks);
  const fromFile = useMemo(() => blockLibrary(graph).blocks, [graph]);
  const myBlocks = t('editor:palette.myBlocks');
  return useMemo(() => {
    const all = mine.reduce((list, b) => (list.some((x) => x.id === b.id) ? list : withBlock(list, b)), fromFile);
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return all.filter((b) => {
      // "my blocks" finds them all, in English and in the current language.
      const hay = `${b.name} ${b.nodes.map((n) => n.kind).join(' ')} my blocks ${myBlocks}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [fromFile, mine, query, myBlocks]);
}

function matches(def: LayerDef, q: string, text: LayerTextFns): boolean {
  if (!q) return true;
  // The English names always match (they are the code names); the current language's too.
  const local = `${text.layer(def.kind, 'label')} ${text.category(def.category)} ${text.layer(def.kind, 'summary')}`;
  const hay = `${def.kind} ${def.label} ${def.category} ${def.summary} ${local}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function Palette() {
  const { t } = useTranslation(['editor']);
  const [query, setQuery] = useState('');
  const addNode = useGraphStore((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const text = useLayerText();

  const groups = useMemo(() => {
    const map = new Map<string, LayerDef[]>();
    for (const def of ALL_LAYERS) {
      if (!matches(def, query.trim(), text)) continue;
      const list = map.get(def.category) ?? [];
      list.push(def);
      map.set(def.category, list);
    }
    return [...map.entries()];
  }, [query, text]);

  const myBlocks = useMyBlocks(query);

  const viewCentre = () => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    return freeSpot(useGraphStore.getState().graph, { x: centre.x - 84, y: centre.y - 30 });
  };
  const addAtCentre = (kind: string) => addNode(kind, viewCentre());

  const onDragStart = (e: DragEvent, kind: string) => {
    e.dataTransfer.setData(LAYER_KIND_MIME, kind);
    e.dataTransfer.setData('text/plain', kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="ll-palette" aria-label={t('editor:palette.aria')}>
      <input
        className="ll-search"
        type="search"
        placeholder={t('editor:palette.searchPlaceholder')}
        aria-label={t('editor:palette.searchAria')}
        data-testid="palette-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="ll-palette-list">
        {groups.length === 0 && myBlocks.length === 0 && <div className="ll-muted ll-pad">{t('editor:noLayerMatch', { query })}</div>}
        {myBlocks.length > 0 && (
          <section className="ll-palette-group" data-testid="palette-my-blocks">
            <h3>{t('editor:palette.myBlocks')}</h3>
            {myBlocks.map((b) => (
              <button
                key={b.id}
                type="button"
                className="ll-palette-item"
                draggable
                data-testid={`palette-block-${b.id}`}
                title={t('editor:palette.blockTitle', { layers: b.nodes.map((n) => n.label || n.kind).join(', ') })}
                aria-label={t('editor:palette.insertBlock', { name: b.name })}
                onDragStart={(e) => {
                  e.dataTransfer.setData(SAVED_BLOCK_MIME, JSON.stringify(b));
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => insertBlock(b, viewCentre())}
              >
                <span className="ll-palette-name">{b.name}</span>
                <span className="ll-palette-summary">
                  {t('editor:palette.blockLayers', { count: b.nodes.length, kinds: b.nodes.map((n) => n.kind).join(' → ') })}
                </span>
                <span
                  role="button"
                  tabIndex={0}
                  className="ll-palette-remove"
                  data-testid={`palette-block-remove-${b.id}`}
                  title={t('editor:palette.removeBlockTitle', { name: b.name })}
                  aria-label={t('editor:palette.removeBlock', { name: b.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    deleteSavedBlock(b);
                  }}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault();
                    e.stopPropagation();
                    deleteSavedBlock(b);
                  }}
                >
                  ×
                </span>
              </button>
            ))}
          </section>
        )}
        {groups.map(([category, defs]) => (
          <section key={category} className="ll-palette-group">
            <h3>{text.category(category)}</h3>
            {defs.map((def) => (
              <button
                key={def.kind}
                type="button"
                className="ll-palette-item"
                draggable
                data-testid={`palette-${def.kind}`}
                title={t('editor:palette.layerTitle', { summary: text.layer(def.kind, 'summary'), formula: def.help.formula })}
                aria-label={t('editor:palette.addLayer', { label: def.label })}
                onDragStart={(e) => onDragStart(e, def.kind)}
                onClick={() => addAtCentre(def.kind)}
              >
                <span className="ll-palette-name">{text.layer(def.kind, 'label')}</span>
                <span className="ll-palette-summary">{text.layer(def.kind, 'summary')}</span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
