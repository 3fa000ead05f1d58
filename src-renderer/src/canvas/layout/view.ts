// The view a graph opens with: all of it, centred, at a zoom where node titles read at 11 px or more;
// when it cannot all fit that large, its start (top left, where the inputs are) at that zoom, so the
// rest is a pan away. The strip under the canvas toolbar does not count as room.
import type { Viewport } from '@xyflow/react';

/** Smallest on-screen size of a node title that reads comfortably. */
export const MIN_TITLE_PX = 11;
/** Node titles' CSS size (.ll-node-title); the opening zoom is measured against it. */
export const TITLE_PX = 15;
/** The largest zoom a graph opens at: small graphs stay at their natural size. */
export const OPEN_MAX_ZOOM = 1;
/** Space kept free around the fitted graph (px on screen); wires wrapping back to a row's start turn in it. */
const MARGIN = 12;

export function readableZoom(titlePx = TITLE_PX): number {
  return Math.ceil((MIN_TITLE_PX / titlePx) * 1000) / 1000;
}

export interface ViewArea {
  /** Size of the pane (px). */
  width: number;
  height: number;
  /** Screen px at the top of the pane that the toolbar covers. */
  top: number;
}

/** The room for the graph inside the pane (px), without the toolbar strip and margins. */
export function usableArea(area: ViewArea): { width: number; height: number } {
  return { width: Math.max(1, area.width - 2 * MARGIN), height: Math.max(1, area.height - area.top - 2 * MARGIN) };
}

/** Pane size and the part of it under the toolbar, read from the page. */
export function readViewArea(canvas: HTMLElement): ViewArea | null {
  const pane = canvas.querySelector('.react-flow__renderer') ?? canvas;
  const r = pane.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return null;
  const bar = canvas.querySelector('.ll-toolbar')?.getBoundingClientRect();
  const top = bar && bar.bottom > r.top && bar.top < r.top + r.height / 2 ? bar.bottom - r.top : 0;
  return { width: r.width, height: r.height, top };
}

/**
 * Viewport that shows `bounds` (flow coordinates): fitted and centred at the largest zoom up to
 * OPEN_MAX_ZOOM when that is at least `minZoom`; otherwise at `minZoom` with its top-left corner in view.
 */
export function openingViewport(bounds: { x: number; y: number; width: number; height: number }, area: ViewArea, minZoom: number): Viewport {
  const room = usableArea(area);
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height), OPEN_MAX_ZOOM);
  const zoom = Math.max(fit, minZoom);
  const left = MARGIN;
  const top = area.top + MARGIN;
  // Centre along each axis that fits; start at the top-left along an axis that does not.
  const w = bounds.width * zoom;
  const h = bounds.height * zoom;
  const x = w <= room.width ? left + (room.width - w) / 2 : left;
  const y = h <= room.height ? top + (room.height - h) / 2 : top;
  return { x: x - bounds.x * zoom, y: y - bounds.y * zoom, zoom };
}
