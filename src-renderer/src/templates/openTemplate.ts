// The one place the gallery opens a template. The canvas helper ("lay") is adding an "open template by id"
// action to the renderer store (also used by ?template=ID); when it lands, call it here instead.
import { getTemplate } from '../../../shared/templates';
import { loadTemplate } from '../files/fileActions';
import { useBottomPanel } from '../store/bottomPanelStore';

export async function openTemplateById(id: string): Promise<boolean> {
  const t = getTemplate(id);
  if (!t) return false;
  const opened = await loadTemplate(t.graph);
  // The lesson replaces the old "Loaded template" toast: it stays on screen in the bottom panel.
  if (opened) useBottomPanel.getState().setTab('lesson');
  return opened;
}
