// Which kind of JSON a user opened: a LayerLab graph, or another tool's model (a TensorFlow.js Layers
// model.json or a Keras model.to_json() config) that the host's importer turns into a graph.
export type OpenedJsonKind = 'graph' | 'model';

/** 'model' for a tfjs / Keras model file, else 'graph' (the graph validator then says what is wrong). */
export function openedJsonKind(text: string): OpenedJsonKind {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'graph';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'graph';
  const o = json as Record<string, unknown>;
  if (o.format === 'layerlab-graph') return 'graph';
  if (typeof o.modelTopology === 'object' && o.modelTopology !== null) return 'model';
  return typeof o.class_name === 'string' && typeof o.config === 'object' && o.config !== null ? 'model' : 'graph';
}

/** The new graph's name: the file name without ".json" ("my_cnn.json" -> "my_cnn"); a bare model.json is "Imported model". */
export function importedModelName(fileName: string): string {
  const stem = fileName.replace(/\.json$/i, '').trim();
  return stem && stem.toLowerCase() !== 'model' ? stem : 'Imported model';
}
