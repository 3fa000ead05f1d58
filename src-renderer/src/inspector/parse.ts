// Parsing of typed-in parameter values; each returns the value or a message saying what is wrong.
import { i18n } from '../../../shared/i18n/i18n';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const EN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });
/** "1,596,426" or "1_000": digit groups as the app prints them. */
const GROUPED = /^[+-]?\d{1,3}([,_]\d{3})+(\.\d+)?$/;

/** A typed number: plain, with exponent ("1e9", "1e-3") or digit groups ("1,000"); then the whole-number and range checks. */
export function parseNumber(text: string, opts: { integer: boolean; min?: number; max?: number }): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: false, message: i18n.t('editor:inspector.parse.enterNumber') };
  const v = Number(GROUPED.test(t) ? t.replace(/[,_]/g, '') : t);
  if (!Number.isFinite(v)) return { ok: false, message: i18n.t('editor:inspector.parse.notNumber', { text: t }) };
  if (opts.integer && !Number.isInteger(v)) return { ok: false, message: i18n.t('editor:inspector.parse.notWhole', { text: t }) };
  if (opts.min !== undefined && v < opts.min) return { ok: false, message: i18n.t('editor:inspector.parse.atLeast', { min: EN.format(opts.min) }) };
  if (opts.max !== undefined && v > opts.max) return { ok: false, message: i18n.t('editor:inspector.parse.atMost', { max: EN.format(opts.max), text: t, value: EN.format(v) }) };
  return { ok: true, value: v };
}

/** "28, 28, 1" (commas, spaces or x between) -> [28, 28, 1]. */
export function parseShapeText(text: string, opts: { minLength?: number; maxLength?: number } = {}): Parsed<number[]> {
  const parts = text
    .replace(/^[\s[(]+|[\s\])]+$/g, '')
    .split(/[\s,x×]+/i)
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: i18n.t('editor:inspector.parse.enterSizes') };
  const values: number[] = [];
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 1) return { ok: false, message: i18n.t('editor:inspector.parse.notPositiveWhole', { part: p }) };
    values.push(v);
  }
  if (opts.minLength !== undefined && values.length < opts.minLength) return { ok: false, message: i18n.t('editor:inspector.parse.tooFewSizes', { n: opts.minLength }) };
  if (opts.maxLength !== undefined && values.length > opts.maxLength) return { ok: false, message: i18n.t('editor:inspector.parse.tooManySizes', { n: opts.maxLength }) };
  return { ok: true, value: values };
}

export function shapeText(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : String(v ?? '');
}
