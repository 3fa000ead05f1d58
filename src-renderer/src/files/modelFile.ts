/** An ONNX model file (binary): opened by its extension, sent to the host as base64. */
export const isOnnxFileName = (name: string): boolean => /\.onnx$/i.test(name);

/** Bytes as base64, in chunks (String.fromCharCode of a whole large file would overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

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

/** The new graph's name: the file name without ".json" / ".onnx" ("my_cnn.json" -> "my_cnn"); a bare model.json is "Imported model". */
export function importedModelName(fileName: string): string {
  const stem = fileName.replace(/\.(json|onnx)$/i, '').trim();
  return stem && stem.toLowerCase() !== 'model' ? stem : 'Imported model';
}
