// Topological order of a graph's nodes (Kahn's algorithm), with the nodes left over when there is a cycle.
import type { GraphEdge, GraphNode } from './types';

export interface TopoResult {
  order: string[];
  /** Nodes that sit on or behind a cycle; empty for a DAG. */
  cyclic: string[];
}

export function topologicalOrder(nodes: Pick<GraphNode, 'id'>[], edges: Pick<GraphEdge, 'source' | 'target'>[]): TopoResult {
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    next.get(e.source)!.push(e.target);
  }
  // Keep file order among ready nodes so results are stable.
  const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const t of next.get(id)!) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  const placed = new Set(order);
  return { order, cyclic: nodes.filter((n) => !placed.has(n.id)).map((n) => n.id) };
}

/** True when adding source -> target would close a cycle. */
export function wouldCreateCycle(edges: Pick<GraphEdge, 'source' | 'target'>[], source: string, target: string): boolean {
  if (source === target) return true;
  const stack = [target];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
