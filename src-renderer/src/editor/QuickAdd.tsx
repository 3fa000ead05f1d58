// The quick-add box: type to search layer kinds, arrows to choose, Enter adds the layer where the box
// opened. Opened by double-clicking empty canvas, by Space, or by dropping a wire into empty space (then
// it lists only the layers whose shape inference accepts what the wire carries).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatShape } from '../../../shared/layers/types';
import { ALL_LAYERS } from '../../../shared/layers';
import { useEditor } from './editorStore';
import { kindsAccepting, kindsFeeding, rankByQuery } from './compatible';
import { addFromQuickAdd } from './actions';
import { useLayerText } from '../layer-text/useLayerText';

export function QuickAdd() {
  const quick = useEditor((s) => s.quickAdd);
  if (!quick) return null;
  // Keyed so every opening starts with an empty query.
  return <QuickAddBox key={`${quick.screen.x},${quick.screen.y},${quick.from?.nodeId ?? ''}`} />;
}

function QuickAddBox() {
  const quick = useEditor((s) => s.quickAdd)!;
  const close = useEditor((s) => s.closeQuickAdd);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const text = useLayerText();

  const candidates = useMemo(() => {
    if (!quick.from) return ALL_LAYERS;
    return quick.from.handleType === 'source' ? kindsAccepting(quick.from.shape) : kindsFeeding();
  }, [quick.from]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- text: the search also matches the current language's names
  const shown = useMemo(() => rankByQuery(candidates, query), [candidates, query, text]);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (kind: string) => {
    close();
    addFromQuickAdd(kind, quick.flow, quick.from);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const def = shown[active];
      if (def) choose(def.kind);
    }
    e.stopPropagation();
  };

  // Keep the box on screen.
  const left = Math.min(quick.screen.x, window.innerWidth - 300);
  const top = Math.min(quick.screen.y, window.innerHeight - 340);
  const shape = quick.from?.handleType === 'source' ? quick.from.shape : null;
  return (
    <>
      <div className="ll-quickadd-backdrop" onMouseDown={close} />
      <div className="ll-quickadd" style={{ left, top }} role="dialog" aria-label="Add a layer" data-testid="quick-add">
        <input
          ref={inputRef}
          className="ll-search"
          placeholder="Add layer…"
          aria-label="Search layer kinds"
          data-testid="quick-add-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {quick.from && (
          <div className="ll-quickadd-hint" data-testid="quick-add-hint">
            {quick.from.handleType === 'source'
              ? `Layers that accept ${shape ? formatShape(shape) : 'this wire'} (${candidates.length})`
              : 'Layers that can feed this input'}
          </div>
        )}
        <div className="ll-quickadd-list" role="listbox" ref={listRef}>
          {shown.length === 0 && <div className="ll-muted ll-pad">No layer matches "{query}".</div>}
          {shown.map((def, i) => (
            <button
              key={def.kind}
              type="button"
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              className={`ll-quickadd-item${i === active ? ' active' : ''}`}
              data-testid={`quick-add-${def.kind}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(def.kind)}
            >
              <span className="ll-quickadd-name">{text.layer(def.kind, 'label')}</span>
              <span className="ll-quickadd-cat">{text.category(def.category)}</span>
            </button>
          ))}
        </div>
      </div>
    </>
  );
}
