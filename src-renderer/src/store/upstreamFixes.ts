// Fixes that change a node upstream of the one in error. Layer inference only sees its own inputs, so it
// can say "turn on Return sequences" but cannot point at the recurrent layer that should change; this
// adds that one-click fix when flipping the upstream layer's returnSequences really clears the error.
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { inferGraph, type GraphInference } from '../../../shared/infer';
import type { Fix } from '../../../shared/layers/types';
import { getLayerDef, withDefaults } from '../../../shared/layers';
import { setParam } from './graphOps';
import { i18n } from '../../../shared/i18n/i18n';

export function withUpstreamFixes(graph: GraphFile, inference: GraphInference, shapes: DatasetShapes | undefined): GraphInference {
  const extra = new Map<string, Fix[]>();
  for (const [nodeId, info] of Object.entries(inference.nodes)) {
    if (!info.error) continue;
    for (const e of graph.edges) {
      if (e.target !== nodeId) continue;
      const source = graph.nodes.find((n) => n.id === e.source);
      const def = source && getLayerDef(source.kind);
      if (!source || !def || !('returnSequences' in def.params)) continue;
      if (withDefaults(def, source.params).returnSequences !== false) continue;
      const trial = inferGraph(setParam(graph, source.id, 'returnSequences', true), shapes);
      if (trial.nodes[nodeId]?.error) continue;
      const fix: Fix = {
        label: i18n.t('common:wire.fixReturnSequences', { name: source.label || source.id }),
        action: { type: 'setParam', nodeId: source.id, param: 'returnSequences', value: true },
      };
      extra.set(nodeId, [...(extra.get(nodeId) ?? []), fix]);
    }
  }
  if (extra.size === 0) return inference;
  const nodes = { ...inference.nodes };
  for (const [id, fixes] of extra) {
    const err = nodes[id].error!;
    nodes[id] = { ...nodes[id], error: { ...err, fixes: [...fixes, ...err.fixes] } };
  }
  const errors = inference.errors.map((e) => (e.nodeId && extra.has(e.nodeId) ? { ...e, fixes: [...extra.get(e.nodeId)!, ...e.fixes] } : e));
  return { ...inference, nodes, errors };
}
