// The diagnostics a run streams (per-layer norms, per-epoch layer statistics), kept outside React state like
// the metric series: norms append to one chart Series per layer; a version number tells views to re-render
// when a layer appears or an epoch's statistics arrive.
import type { EpochLayerStats, LayerNorm } from '../../../../shared/api';
import { Series } from '../series';

const COLORS = ['#60a5fa', '#f59e0b', '#34d399', '#f472b6', '#a78bfa', '#f87171', '#22d3ee', '#facc15', '#fb923c', '#4ade80', '#c084fc', '#94a3b8'];

export class LayerSeries {
  /** Per layer (node id), in the order the layers first reported. */
  grad: Series[] = [];
  weight: Series[] = [];
  nodes: string[] = [];
  epochs: EpochLayerStats[] = [];
  version = 0;
  private readonly listeners = new Set<() => void>();

  addNorms(step: number, layers: LayerNorm[]): void {
    let added = false;
    for (const l of layers) {
      let i = this.nodes.indexOf(l.node);
      if (i < 0) {
        i = this.nodes.length;
        this.nodes.push(l.node);
        const color = COLORS[i % COLORS.length];
        // New arrays: charts subscribe to the list they were given.
        this.grad = [...this.grad, new Series(l.node, color)];
        this.weight = [...this.weight, new Series(l.node, color)];
        added = true;
      }
      this.grad[i].push(step + 1, l.gradNorm);
      this.weight[i].push(step + 1, l.weightNorm);
    }
    if (added) this.bump();
  }

  addStats(stats: EpochLayerStats): void {
    this.epochs = [...this.epochs, stats];
    this.bump();
  }

  clear(): void {
    this.grad = [];
    this.weight = [];
    this.nodes = [];
    this.epochs = [];
    this.bump();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
