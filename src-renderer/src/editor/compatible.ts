// Which layer kinds fit a wire dragged out into empty space: try each candidate's own shape inference on
// the shape the wire carries and keep those that do not throw. Pure; no React.
import type { LayerDef, Shape } from '../../../shared/layers/types';
import { ALL_LAYERS, inputHandles, outputHandles, withDefaults } from '../../../shared/layers';
import { categoryText, layerText } from '../../../shared/i18n/layer-text';

/**
 * Kinds that accept `shape` on their first input (other required inputs get the same shape, as in
 * self-attention). An unknown shape (null) keeps every kind that has an input.
 */
export function kindsAccepting(shape: Shape | null, layers: LayerDef[] = ALL_LAYERS): LayerDef[] {
  return layers.filter((def) => {
    const params = withDefaults(def, {});
    const ins = inputHandles(def, params);
    if (ins.length === 0) return false;
    if (shape === null) return true;
    const inputs = ins.map((h, i) => (i === 0 || !h.optional ? [shape] : []));
    try {
      def.infer(inputs, params);
      return true;
    } catch {
      return false;
    }
  });
}

/** Kinds that can feed an input (anything with an output); the shape check happens once wired. */
export function kindsFeeding(layers: LayerDef[] = ALL_LAYERS): LayerDef[] {
  return layers.filter((def) => outputHandles(def, withDefaults(def, {})).length > 0);
}

/** Search match on kind, label, category and summary (English and the current language): every word must appear. */
export function matchesQuery(def: LayerDef, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const local = `${layerText(def.kind, 'label')} ${categoryText(def.category)} ${layerText(def.kind, 'summary')}`;
  const hay = `${def.kind} ${def.label} ${def.category} ${def.summary} ${local}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Best matches first: exact kind/label, then prefix, then the rest in registry order. */
export function rankByQuery(defs: LayerDef[], query: string): LayerDef[] {
  const q = query.trim().toLowerCase();
  const score = (d: LayerDef) => {
    const k = d.kind.toLowerCase();
    const l = d.label.toLowerCase();
    const local = layerText(d.kind, 'label').toLowerCase();
    if (!q) return 3;
    if (k === q || l === q || local === q) return 0;
    if (k.startsWith(q) || l.startsWith(q) || local.startsWith(q)) return 1;
    return 2;
  };
  return defs
    .filter((d) => matchesQuery(d, q))
    .map((d, i) => ({ d, s: score(d), i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.d);
}
