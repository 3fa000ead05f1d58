// Layer kinds grouped by category, with search. Drag onto the canvas or click to add at the view centre.
import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { ALL_LAYERS } from '../../../shared/layers';
import type { LayerDef } from '../../../shared/layers/types';
import { useGraphStore } from '../store/stores';
import { LAYER_KIND_MIME } from '../canvas/dnd';
import { freeSpot } from '../store/graphOps';

function matches(def: LayerDef, q: string): boolean {
  if (!q) return true;
  const hay = `${def.kind} ${def.label} ${def.category} ${def.summary}`.toLowerCase();
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

  const groups = useMemo(() => {
    const map = new Map<string, LayerDef[]>();
    for (const def of ALL_LAYERS) {
      if (!matches(def, query.trim())) continue;
      const list = map.get(def.category) ?? [];
      list.push(def);
      map.set(def.category, list);
    }
    return [...map.entries()];
  }, [query]);

  const addAtCentre = (kind: string) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    addNode(kind, freeSpot(useGraphStore.getState().graph, { x: centre.x - 84, y: centre.y - 30 }));
  };

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
        {groups.length === 0 && <div className="ll-muted ll-pad">No layer matches "{query}".</div>}
        {groups.map(([category, defs]) => (
          <section key={category} className="ll-palette-group">
            <h3>{category}</h3>
            {defs.map((def) => (
              <button
                key={def.kind}
                type="button"
                className="ll-palette-item"
                draggable
                data-testid={`palette-${def.kind}`}
                title={`${def.summary}\n${def.help.formula}\nDrag onto the canvas or click to add.`}
                aria-label={`Add ${def.label} layer`}
                onDragStart={(e) => onDragStart(e, def.kind)}
                onClick={() => addAtCentre(def.kind)}
              >
                <span className="ll-palette-name">{def.label}</span>
                <span className="ll-palette-summary">{def.summary}</span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
