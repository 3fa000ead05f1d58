// The canvas toolbar: align, auto-layout, zoom to fit / out / in, snap, theme, recent files, export, shortcut sheet.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Panel, useReactFlow } from '@xyflow/react';
import { useEditor } from './editorStore';
import './editor.css';
import { alignSelection, autoLayoutAll } from './actions';
import { zoomToFit } from '../canvas/layout/arrange';
import { exportPng, exportSvg } from './exportActions';
import { listRecent, type RecentFile } from '../files/recent';
import { openRecent } from '../files/fileActions';
import type { ShapeFlowEdge } from '../store/toFlow';
import type { CanvasNode } from './collapse';
import { useGraphStore, useUi } from '../store/stores';


/** A toolbar menu; `alignEnd` opens it leftwards from the button's right edge (the toolbar's last menus, near the inspector). */
function Dropdown({ label, testId, alignEnd, children }: { label: string; testId: string; alignEnd?: boolean; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="ll-menu" ref={ref}>
      <button type="button" className="ll-tool" aria-haspopup="menu" aria-expanded={open} data-testid={testId} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div className={`ll-menu-list ll-tool-menu${alignEnd ? ' end' : ''}`} role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

function RecentMenu() {
  const [items, setItems] = useState<RecentFile[]>([]);
  return (
    <div onMouseDownCapture={() => setItems(listRecent())}>
      <Dropdown label="Recent" testId="btn-recent">
        {(close) =>
          items.length === 0 ? (
            <div className="ll-muted ll-pad">No recent files yet.</div>
          ) : (
            items.map((r, i) => (
              <button
                key={`${r.path ?? r.name}-${i}`}
                type="button"
                role="menuitem"
                className="ll-menu-item"
                data-testid={`recent-${i}`}
                title={r.path ?? r.name}
                onClick={() => {
                  close();
                  void openRecent(r);
                }}
              >
                <span className="ll-menu-name">{r.name}</span>
                <span className="ll-menu-desc">{new Date(r.at).toLocaleString()}</span>
              </button>
            ))
          )
        }
      </Dropdown>
    </div>
  );
}

export function EditorToolbar() {
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const snap = useEditor((s) => s.snapToGrid);
  const theme = useEditor((s) => s.theme);
  const toggleSnap = useEditor((s) => s.toggleSnap);
  const toggleTheme = useEditor((s) => s.toggleTheme);
  const showShortcuts = useEditor((s) => s.setShortcutsOpen);
  return (
    <Panel position="top-left" className="ll-toolbar" aria-label="Editor tools">
      <button type="button" className="ll-tool" data-testid="btn-align-left" title="Align selected layers on the left" onClick={() => alignSelection('left')}>
        ⇤ Align left
      </button>
      <button type="button" className="ll-tool" data-testid="btn-align-top" title="Align selected layers on the top" onClick={() => alignSelection('top')}>
        ⤒ Align top
      </button>
      <button type="button" className="ll-tool" data-testid="btn-layout" title="Auto-layout: layers left to right, long graphs wrapped into rows (L)" onClick={() => autoLayoutAll(flow)}>
        ⇶ Layout
      </button>
      <button
        type="button"
        className="ll-tool"
        data-testid="btn-repeat"
        title="Repeat the selected layers as a block, N times, with a parameter that changes per repeat"
        onClick={() => {
          if (!useGraphStore.getState().nodes.some((n) => n.selected)) useUi.getState().toast('Select the layers that form the block first.');
          else useEditor.getState().setRepeatOpen(true);
        }}
      >
        ⟳ Repeat…
      </button>
      <button type="button" className="ll-tool" data-testid="btn-fit" title="Zoom to fit (F)" onClick={() => zoomToFit(flow)}>
        ⤢ Fit
      </button>
      <button type="button" className="ll-tool" data-testid="btn-zoom-out" title="Zoom out (or the mouse wheel)" aria-label="Zoom out" onClick={() => void flow.zoomOut({ duration: 150 })}>
        −
      </button>
      <button type="button" className="ll-tool" data-testid="btn-zoom-in" title="Zoom in (or the mouse wheel)" aria-label="Zoom in" onClick={() => void flow.zoomIn({ duration: 150 })}>
        +
      </button>
      <button type="button" className={`ll-tool${snap ? ' on' : ''}`} aria-pressed={snap} data-testid="btn-snap" title="Snap to a 20 px grid" onClick={toggleSnap}>
        # Snap
      </button>
      <button type="button" className="ll-tool" data-testid="btn-theme" title="Switch dark / light theme" onClick={toggleTheme}>
        {theme === 'dark' ? '☀ Light' : '☾ Dark'}
      </button>
      <RecentMenu />
      <Dropdown label="Export" testId="btn-export" alignEnd>
        {(close) => (
          <>
            <button type="button" role="menuitem" className="ll-menu-item" data-testid="export-png" onClick={() => { close(); void exportPng(flow); }}>
              <span className="ll-menu-name">PNG image</span>
            </button>
            <button type="button" role="menuitem" className="ll-menu-item" data-testid="export-svg" onClick={() => { close(); exportSvg(flow); }}>
              <span className="ll-menu-name">SVG drawing</span>
            </button>
          </>
        )}
      </Dropdown>
      <button type="button" className="ll-tool" data-testid="btn-shortcuts" title="Keyboard shortcuts (?)" onClick={() => showShortcuts(true)}>
        ?
      </button>
    </Panel>
  );
}
