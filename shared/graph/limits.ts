// Limits on JSON from outside (graph files, saved content, api payloads): one size and one nesting depth for
// every entry point, checked without recursion so a hostile file cannot overflow the stack of the check itself.
// A real graph file is a few MB at most and about 8 levels deep (extras.blocks[i].nodes[j].params.shape).

/** The most characters a graph file (as saved: 2-space indented JSON) may have. */
export const MAX_GRAPH_FILE_CHARS = 50 * 1024 * 1024;

/** The deepest nesting of arrays and objects accepted; JSON.stringify and structuredClone overflow at some thousands. */
export const MAX_JSON_DEPTH = 100;

export function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

/** Why `text` is too large for a graph file, or null. */
export function graphTextSizeProblem(text: string): string | null {
  if (text.length <= MAX_GRAPH_FILE_CHARS) return null;
  return `it is ${text.length.toLocaleString('en-US')} characters (${formatSize(text.length)}), more than the ${formatSize(MAX_GRAPH_FILE_CHARS)} a graph file may have`;
}

/**
 * Where JSON text nests deeper than `max` (line and column of the bracket that goes too deep), or null. Scans the
 * text once, skipping strings; it does not check the syntax (JSON.parse does).
 */
export function jsonTextDepthProblem(text: string, max = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return `it nests arrays and objects more than ${max} levels deep (at line ${line}, column ${i - lineStart + 1})`;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}

/**
 * The path of the first number that is not finite in a parsed value ("nodes[1].params.units"), or null: JSON reads
 * 1e999 as Infinity, and JSON.stringify would quietly turn it into null before a validator could name it.
 */
export function nonFiniteNumberPath(value: unknown): { path: string; value: number } | null {
  const stack: [unknown, string][] = [[value, '']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return { path: at, value: v };
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((c, i) => [`${at}[${i}]`, c]) : Object.entries(v).map(([k, c]) => [at ? `${at}.${k}` : k, c]);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], entries[i][0]]);
  }
  return null;
}

/** Whether a parsed value (an api payload) nests arrays and objects deeper than `max`. Iterative. */
export function valueDepthProblem(value: unknown, max = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (depth + 1 > max) return `it nests arrays and objects more than ${max} levels deep`;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return null;
}
