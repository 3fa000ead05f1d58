// Reads what a learner sees on the canvas from the page's geometry: node boxes, wire label boxes, the pane
// and toolbar, the zoom, and the on-screen size of every node title (its computed font size times the zoom).
import type { Page } from '@playwright/test';

export interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CanvasGeometry {
  zoom: number;
  pane: Box;
  /** Bottom of the canvas toolbar (nothing should sit under it). */
  toolbarBottom: number;
  nodes: Box[];
  labels: Box[];
  /** On-screen px of each node's title. */
  titles: { id: string; px: number }[];
  /** Text boxes that stick out of their node (title, kind, summary, meta, notes, error, ports). */
  spills: string[];
}

export function readGeometry(page: Page): Promise<CanvasGeometry> {
  return page.evaluate(() => {
    const box = (id: string, r: DOMRect) => ({ id, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const pane = box('pane', document.querySelector('.react-flow__renderer')!.getBoundingClientRect());
    const toolbarBottom = document.querySelector('.ll-toolbar')!.getBoundingClientRect().bottom;
    const nodes: ReturnType<typeof box>[] = [];
    const titles: { id: string; px: number }[] = [];
    const spills: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const id = el.dataset.id ?? '?';
      nodes.push(box(id, r));
      const title = el.querySelector('.ll-node-title') as HTMLElement;
      titles.push({ id, px: parseFloat(getComputedStyle(title).fontSize) * zoom });
      const inner = el.querySelector('.ll-node')!.getBoundingClientRect();
      for (const t of el.querySelectorAll<HTMLElement>('.ll-node-title, .ll-node-kind, .ll-node-summary, .ll-node-meta > span, .ll-node-note, .ll-node-error, .ll-port-in, .ll-port-out')) {
        const tr = t.getBoundingClientRect();
        // Overflowing text shows as a scroll size larger than the box, or a box outside the node.
        const overflowX = t.scrollWidth > t.clientWidth + 1 && getComputedStyle(t).overflow !== 'hidden';
        if (overflowX || tr.left < inner.left - 1 || tr.right > inner.right + 1 || tr.bottom > inner.bottom + 1) spills.push(`${id}: "${(t.textContent ?? '').slice(0, 40)}"`);
      }
    }
    const labels = [...document.querySelectorAll<HTMLElement>('.react-flow .ll-edge-label')]
      .filter((l) => l.getBoundingClientRect().width > 0)
      .map((l) => box(l.dataset.testid ?? '?', l.getBoundingClientRect()));
    return { zoom, pane, toolbarBottom, nodes, labels, titles, spills };
  });
}

const meets = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Pairs of nodes that overlap, and labels that a node covers. */
export function collisions(g: CanvasGeometry): { overlaps: string[]; covered: string[] } {
  const overlaps: string[] = [];
  const covered: string[] = [];
  for (let i = 0; i < g.nodes.length; i++) {
    for (let j = i + 1; j < g.nodes.length; j++) if (meets(g.nodes[i], g.nodes[j])) overlaps.push(`${g.nodes[i].id} / ${g.nodes[j].id}`);
    for (const l of g.labels) if (meets(g.nodes[i], l)) covered.push(`${l.id} under ${g.nodes[i].id}`);
  }
  return { overlaps, covered };
}

/** Nodes (and labels) not fully inside the canvas area below the toolbar. */
export function outsideView(g: CanvasGeometry): string[] {
  const inside = (b: Box) => b.left >= g.pane.left - 0.5 && b.right <= g.pane.right + 0.5 && b.top >= g.toolbarBottom - 0.5 && b.bottom <= g.pane.bottom + 0.5;
  return [...g.nodes, ...g.labels].filter((b) => !inside(b)).map((b) => b.id);
}
