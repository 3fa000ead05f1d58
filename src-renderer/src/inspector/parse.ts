// Parsing of typed-in parameter values; each returns the value or a message saying what is wrong.
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const EN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });
/** "1,596,426" or "1_000": digit groups as the app prints them. */
const GROUPED = /^[+-]?\d{1,3}([,_]\d{3})+(\.\d+)?$/;

/** A typed number: plain, with exponent ("1e9", "1e-3") or digit groups ("1,000"); then the whole-number and range checks. */
export function parseNumber(text: string, opts: { integer: boolean; min?: number; max?: number }): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter a number.' };
  const v = Number(GROUPED.test(t) ? t.replace(/[,_]/g, '') : t);
  if (!Number.isFinite(v)) return { ok: false, message: `"${t}" is not a number.` };
  if (opts.integer && !Number.isInteger(v)) return { ok: false, message: `Must be a whole number (${t} is not).` };
  if (opts.min !== undefined && v < opts.min) return { ok: false, message: `Must be at least ${EN.format(opts.min)}.` };
  if (opts.max !== undefined && v > opts.max) return { ok: false, message: `Must be at most ${EN.format(opts.max)} (${t} is ${EN.format(v)}).` };
  return { ok: true, value: v };
}

/** "28, 28, 1" (commas, spaces or x between) -> [28, 28, 1]. */
export function parseShapeText(text: string, opts: { minLength?: number; maxLength?: number } = {}): Parsed<number[]> {
  const parts = text
    .replace(/^[\s[(]+|[\s\])]+$/g, '')
    .split(/[\s,x×]+/i)
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Enter sizes separated by commas, e.g. "28, 28, 1".' };
  const values: number[] = [];
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 1) return { ok: false, message: `"${p}" is not a positive whole number.` };
    values.push(v);
  }
  if (opts.minLength !== undefined && values.length < opts.minLength) return { ok: false, message: `Needs at least ${opts.minLength} sizes.` };
  if (opts.maxLength !== undefined && values.length > opts.maxLength) return { ok: false, message: `At most ${opts.maxLength} sizes.` };
  return { ok: true, value: values };
}

export function shapeText(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : String(v ?? '');
}
