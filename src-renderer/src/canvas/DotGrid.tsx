// The canvas's dot grid. React Flow's <Background> redraws its SVG pattern on every pan frame; here the dots
// are a CSS pattern on a layer one grid cell larger than the pane, moved by a transform (modulo the cell),
// so panning only shifts a composited layer and the dots are painted again only when the zoom changes.
import { memo } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

const selectTransform = (s: ReactFlowState) => s.transform;

/** Where the layer starts so a dot lands on every screen point t + k * cell: t modulo one cell, minus a cell. */
export function gridOffset(t: number, cell: number): number {
  return (((t % cell) + cell) % cell) - cell;
}

function DotGridView({ gap, radius, color }: { gap: number; radius: number; color: string }) {
  const [x, y, zoom] = useStore(selectTransform);
  const cell = gap * zoom;
  // Dots sit at flow coordinates k * gap, i.e. at screen x + k * cell.
  const offX = gridOffset(x, cell);
  const offY = gridOffset(y, cell);
  const r = Math.max(0.5, radius * zoom);
  return (
    <div
      className="ll-dot-grid"
      aria-hidden
      data-testid="dot-grid"
      style={{
        width: `calc(100% + ${2 * cell}px)`,
        height: `calc(100% + ${2 * cell}px)`,
        backgroundImage: `radial-gradient(circle at ${r}px ${r}px, ${color} ${r}px, transparent ${r + 0.5}px)`,
        backgroundSize: `${cell}px ${cell}px`,
        transform: `translate(${offX - r}px, ${offY - r}px)`,
      }}
    />
  );
}

export const DotGrid = memo(DotGridView);
