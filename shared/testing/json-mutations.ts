// Fuzzing helpers (fast-check) shared by the fuzz suites of JSON boundaries (graph files, api payloads): take a
// valid value and replace or remove something anywhere in it with a value that breaks validators.
import fc from 'fast-check';

/** Wrong types, edges of ranges, hostile text, small nested structures. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 5e-324, 0.5, '', ' ', 'x\ny', '\u2028', '\u0000', '\u202e', '..', '../../etc/passwd', '[]', 'Dense', 'Input', 'out', 'in', null, true, [], {}, [-1], [0], [1e9, 1e9], ['a']),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.integer({ min: -3, max: 100_000 }), { maxLength: 6 }),
);

export type JsonMutation = { op: 'set' | 'delete' | 'copyNode'; pick: number; value: unknown };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  op: fc.constantFrom('set', 'set', 'set', 'delete', 'copyNode'),
  pick: fc.nat(),
  value: nastyValue,
});

/** Every path in a JSON value, as key lists, the root ([]) included (iterative). */
export function pathsOf(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    out.push(at);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push([c, [...at, i]]));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, c]) => stack.push([c, [...at, k]]));
  }
  return out;
}

/**
 * Applies `m` to `root` in place: replaces or deletes the value at a path chosen by `m.pick`, or ('copyNode')
 * appends a copy of one of root.nodes (duplicate ids). A root without inner paths is left as it is.
 */
export function applyJsonMutation(root: Record<string, unknown>, m: JsonMutation): void {
  const paths = pathsOf(root).filter((p) => p.length > 0);
  if (!paths.length) return;
  if (m.op === 'copyNode') {
    if (Array.isArray(root.nodes) && root.nodes.length) root.nodes.push(structuredClone(root.nodes[m.pick % root.nodes.length]));
    return;
  }
  const at = paths[m.pick % paths.length];
  let parent: unknown = root;
  for (const key of at.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = at[at.length - 1];
  const container = parent as Record<string | number, unknown>;
  if (m.op === 'delete') {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else {
    container[last] = structuredClone(m.value);
  }
}
