// Shape inference time for a big graph: the renderer runs inferGraph on every edit, so this bounds edit latency.
import { datasetShapes } from '../shared/data/catalog';
import { inferGraph } from '../shared/infer';
import { syntheticGraph } from './graphs';
import { median, percentile } from './results';

export interface InferBenchResult {
  nodes: number;
  edges: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
}

export function benchInference(nodes = 1000, runs = 15): InferBenchResult {
  const graph = syntheticGraph(nodes);
  const shapes = datasetShapes(graph.dataset);
  // Warm-up: JIT and the layer registry's first lookups.
  for (let i = 0; i < 3; i++) inferGraph(graph, shapes);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = inferGraph(graph, shapes);
    times.push(performance.now() - t0);
    if (result.errors.length > 0) throw new Error(`benchmark graph has errors: ${result.errors[0].message}`);
  }
  return { nodes, edges: graph.edges.length, runs, medianMs: median(times), p90Ms: percentile(times, 90) };
}
