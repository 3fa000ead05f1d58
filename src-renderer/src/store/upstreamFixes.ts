// Fixes that change a node upstream of the one in error. Layer inference only sees its own inputs, so it
// can say "turn on Return sequences" but cannot point at the recurrent layer that should change; this
// adds that one-click fix when flipping the upstream layer's returnSequences really clears the error, and the
// one that sizes the Dense layer feeding an Output to the dataset's target.
import type { GraphFile, GraphNode } from '../../../shared/graph/types';
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
      const units = source && outputUnitsFix(graph, nodeId, source, shapes);
      if (units) extra.set(nodeId, [...(extra.get(nodeId) ?? []), units]);
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

/**
 * An Output whose dataset target does not match the Dense layer that feeds it (a model built from the palette
 * ends in Dense 64 while MNIST has 10 classes): one click sets that layer's units to the target's size, when
 * that really clears the error.
 */
function outputUnitsFix(graph: GraphFile, outputId: string, source: GraphNode, shapes: DatasetShapes | undefined): Fix | null {
  const output = graph.nodes.find((n) => n.id === outputId);
  if (!shapes || output?.kind !== 'Output' || source.kind !== 'Dense') return null;
  const want = shapes.targets[String(output.params.target ?? 'y')];
  const units = want?.[want.length - 1];
  if (typeof units !== 'number' || source.params.units === units) return null;
  if (inferGraph(setParam(graph, source.id, 'units', units), shapes).nodes[outputId]?.error) return null;
  return {
    label: i18n.t('common:wire.fixUnits', { name: source.label || source.id, units }),
    action: { type: 'setParam', nodeId: source.id, param: 'units', value: units },
  };
}
