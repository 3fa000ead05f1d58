// Readable, unique ids for new nodes and edges ("dense_2", "e_dense_1-dense_2").
// Ids end up in tfjs layer names (compile.ts sanitises them), so keep them short and plain.

/** `<kind lowercased>_<n>` with the smallest n >= 1 not in `taken`. */
export function newNodeId(kind: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = kind.replace(/[^A-Za-z0-9]+/g, '').toLowerCase() || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}

/** An edge id naming both ends; handle ids are added when they are not the usual 'out' / 'in'. */
export function newEdgeId(
  edge: { source: string; sourceHandle: string; target: string; targetHandle: string },
  taken: Iterable<string>,
): string {
  const used = new Set(taken);
  const from = edge.sourceHandle === 'out' ? edge.source : `${edge.source}.${edge.sourceHandle}`;
  const to = edge.targetHandle === 'in' ? edge.target : `${edge.target}.${edge.targetHandle}`;
  const base = `e_${from}-${to}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}
