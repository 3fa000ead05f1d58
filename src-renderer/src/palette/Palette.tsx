// Layer kinds grouped by category, with search. Drag onto the canvas or click to add at the view centre.
import { useMemo, useState, type DragEvent } from 'react';
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
  const graph = useGraphStore((s) => s.graph);
  const mine = useBlockLibrary((s) => s.blocks);
  const fromFile = useMemo(() => blockLibrary(graph).blocks, [graph]);
  return useMemo(() => {
    const all = mine.reduce((list, b) => (list.some((x) => x.id === b.id) ? list : withBlock(list, b)), fromFile);
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return all.filter((b) => {
      const hay = `${b.name} ${b.nodes.map((n) => n.kind).join(' ')} my blocks`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [fromFile, mine, query]);
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
    <aside className="ll-palette" aria-label="Layer palette">
      <input
        className="ll-search"
        type="search"
        placeholder="Search layers…"
        aria-label="Search layers"
        data-testid="palette-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="ll-palette-list">
        {groups.length === 0 && myBlocks.length === 0 && <div className="ll-muted ll-pad">No layer matches "{query}".</div>}
        {myBlocks.length > 0 && (
          <section className="ll-palette-group" data-testid="palette-my-blocks">
            <h3>My blocks</h3>
            {myBlocks.map((b) => (
              <button
                key={b.id}
                type="button"
                className="ll-palette-item"
                draggable
                data-testid={`palette-block-${b.id}`}
                title={`${b.nodes.map((n) => n.label || n.kind).join(', ')}\nDrag onto the canvas or click to insert a copy.`}
                aria-label={`Insert block ${b.name}`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(SAVED_BLOCK_MIME, JSON.stringify(b));
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => insertBlock(b, viewCentre())}
              >
                <span className="ll-palette-name">{b.name}</span>
                <span className="ll-palette-summary">
                  {b.nodes.length} {b.nodes.length === 1 ? 'layer' : 'layers'}: {b.nodes.map((n) => n.kind).join(' → ')}
                </span>
                <span
                  role="button"
                  tabIndex={0}
                  className="ll-palette-remove"
                  data-testid={`palette-block-remove-${b.id}`}
                  title={`Remove "${b.name}" from My blocks (and from this file's library)`}
                  aria-label={`Remove block ${b.name}`}
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
                title={`${text.layer(def.kind, 'summary')}\n${def.help.formula}\nDrag onto the canvas or click to add.`}
                aria-label={`Add ${def.label} layer`}
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
