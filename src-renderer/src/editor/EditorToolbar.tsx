// The canvas toolbar: align, auto-layout, zoom to fit / out / in, snap, theme, recent files, export, shortcut sheet.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Panel, useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
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
import { i18n } from '../../../shared/i18n/i18n';
import { formatDateTime } from '../../../shared/i18n/format';

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
  const { t } = useTranslation(['editor']);
  const [items, setItems] = useState<RecentFile[]>([]);
  return (
    <div onMouseDownCapture={() => setItems(listRecent())}>
      <Dropdown label={t('editor:editor.toolbar.recent')} testId="btn-recent">
        {(close) =>
          items.length === 0 ? (
            <div className="ll-muted ll-pad">{t('editor:editor.toolbar.noRecent')}</div>
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
                <span className="ll-menu-desc">{formatDateTime(r.at)}</span>
              </button>
            ))
          )
        }
      </Dropdown>
    </div>
  );
}

export function EditorToolbar() {
  const { t } = useTranslation(['editor']);
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const snap = useEditor((s) => s.snapToGrid);
  const theme = useEditor((s) => s.theme);
  const toggleSnap = useEditor((s) => s.toggleSnap);
  const toggleTheme = useEditor((s) => s.toggleTheme);
  const showShortcuts = useEditor((s) => s.setShortcutsOpen);
  return (
    <Panel position="top-left" className="ll-toolbar" aria-label={t('editor:editor.toolbar.aria')}>
      <button type="button" className="ll-tool" data-testid="btn-align-left" title={t('editor:editor.toolbar.alignLeftTitle')} onClick={() => alignSelection('left')}>
        {t('editor:editor.toolbar.alignLeft')}
      </button>
      <button type="button" className="ll-tool" data-testid="btn-align-top" title={t('editor:editor.toolbar.alignTopTitle')} onClick={() => alignSelection('top')}>
        {t('editor:editor.toolbar.alignTop')}
      </button>
      <button type="button" className="ll-tool" data-testid="btn-layout" title={t('editor:editor.toolbar.layoutTitle')} onClick={() => autoLayoutAll(flow)}>
        {t('editor:editor.toolbar.layout')}
      </button>
      <button
        type="button"
        className="ll-tool"
        data-testid="btn-repeat"
        title={t('editor:editor.toolbar.repeatTitle')}
        onClick={() => {
          if (!useGraphStore.getState().nodes.some((n) => n.selected)) useUi.getState().toast(i18n.t('editor:editor.toolbar.repeatNeedsSelection'));
          else useEditor.getState().setRepeatOpen(true);
        }}
      >
        {t('editor:editor.toolbar.repeat')}
      </button>
      <button type="button" className="ll-tool" data-testid="btn-fit" title={t('editor:editor.toolbar.fitTitle')} onClick={() => zoomToFit(flow)}>
        {t('editor:editor.toolbar.fit')}
      </button>
      <button type="button" className="ll-tool" data-testid="btn-zoom-out" title={t('editor:editor.toolbar.zoomOutTitle')} aria-label={t('editor:editor.toolbar.zoomOut')} onClick={() => void flow.zoomOut({ duration: 150 })}>
        −
      </button>
      <button type="button" className="ll-tool" data-testid="btn-zoom-in" title={t('editor:editor.toolbar.zoomInTitle')} aria-label={t('editor:editor.toolbar.zoomIn')} onClick={() => void flow.zoomIn({ duration: 150 })}>
        +
      </button>
      <button type="button" className={`ll-tool${snap ? ' on' : ''}`} aria-pressed={snap} data-testid="btn-snap" title={t('editor:editor.toolbar.snapTitle')} onClick={toggleSnap}>
        {t('editor:editor.toolbar.snap')}
      </button>
      <button type="button" className="ll-tool" data-testid="btn-theme" title={t('editor:editor.toolbar.themeTitle')} onClick={toggleTheme}>
        {theme === 'dark' ? t('editor:editor.toolbar.light') : t('editor:editor.toolbar.dark')}
      </button>
      <RecentMenu />
      <Dropdown label={t('editor:editor.toolbar.export')} testId="btn-export" alignEnd>
        {(close) => (
          <>
            <button type="button" role="menuitem" className="ll-menu-item" data-testid="export-png" onClick={() => { close(); void exportPng(flow); }}>
              <span className="ll-menu-name">{t('editor:editor.toolbar.exportPng')}</span>
            </button>
            <button type="button" role="menuitem" className="ll-menu-item" data-testid="export-svg" onClick={() => { close(); exportSvg(flow); }}>
              <span className="ll-menu-name">{t('editor:editor.toolbar.exportSvg')}</span>
            </button>
          </>
        )}
      </Dropdown>
      <button type="button" className="ll-tool" data-testid="btn-shortcuts" title={t('editor:editor.toolbar.shortcutsTitle')} onClick={() => showShortcuts(true)}>
        ?
      </button>
    </Panel>
  );
}
