// Presets: named sets of parameter values a graph carries in extras.presets (the GPT-2 family's small, medium,
// large and XL are one graph with four presets). What they are and which one the graph matches; applying
// one is in presets.ts.
import type { GraphFile } from '../graph/types';
import type { ParamValue, ParamValues } from '../layers/types';

export const PRESETS_KEY = 'presets';

export interface GraphPreset {
  id: string;
  name: string;
  /** The size the paper or model card gives, quoted in the description while the graph matches the preset. */
  published?: string;
  /** Node id -> the parameter values the preset sets. */
  params: Record<string, ParamValues>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPreset(v: unknown): v is GraphPreset {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    (v.published === undefined || typeof v.published === 'string') &&
    isRecord(v.params) &&
    Object.values(v.params).every(isRecord)
  );
}

/** The presets the graph carries; malformed entries (a hand-edited file) are left out. */
export function graphPresets(graph: Pick<GraphFile, 'extras'>): GraphPreset[] {
  const raw = graph.extras?.[PRESETS_KEY];
  return Array.isArray(raw) ? raw.filter(isPreset) : [];
}

function sameValue(a: ParamValue | undefined, b: ParamValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The preset whose every value the graph has now, or undefined (edited, or no presets). */
export function matchingPreset(graph: Pick<GraphFile, 'nodes' | 'extras'>): GraphPreset | undefined {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return graphPresets(graph).find((p) =>
    Object.entries(p.params).every(([nodeId, values]) => {
      const node = byId.get(nodeId);
      return node !== undefined && Object.entries(values).every(([k, v]) => sameValue(node.params[k], v));
    }),
  );
}

