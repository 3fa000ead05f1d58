// Applying a preset (see preset-data.ts): sets its parameter values, and with them the "N x" node labels, the
// graph's name (unless the user renamed it) and its live description.
import type { GraphFile } from '../graph/types';
import { withCountLabels } from '../graph/count-label';
import { withLiveDescription } from './describe';
import { graphPresets } from './preset-data';

/** The graph with the preset's values set; throws naming the presets there are when `presetId` is not one. */
export function applyPreset(graph: GraphFile, presetId: string): GraphFile {
  const presets = graphPresets(graph);
  const preset = presets.find((p) => p.id === presetId);
  if (!preset) {
    throw new Error(`The graph has no preset '${presetId}'${presets.length ? ` (presets: ${presets.map((p) => p.id).join(', ')})` : ''}.`);
  }
  const nodes = graph.nodes.map((n) => (preset.params[n.id] ? { ...n, params: { ...n.params, ...structuredClone(preset.params[n.id]) } } : n));
  // A name that is one of the presets' follows the preset; a name the user chose stays.
  const name = presets.some((p) => p.name === graph.name) ? preset.name : graph.name;
  return withLiveDescription(withCountLabels({ ...graph, name, nodes }));
}
