// Numbers, percentages, durations and dates for the current language, through Intl. No import of the i18n
// instance (so shared/infer and the worker stay light): i18n.ts calls setFormatLang on every language change.
// Parameter counts keep the K/M/B the papers use ("GPT-3 175B") in every language; digits and separators are
// the locale's.

let lang = 'en';
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Sets the language every formatter below uses ('en', 'ko'). */
export function setFormatLang(next: string): void {
  if (next !== lang) cache.clear();
  lang = next;
}

export function formatLang(): string {
  return lang;
}

// Number.toLocaleString builds a formatter per call; canvases with hundreds of nodes call these often.
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n:${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) cache.set(id, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d:${key}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(lang, options)));
  return f;
}

/** 1596426 -> "1,596,426" (grouped, at most `maxDigits` decimals). */
export function formatNumber(n: number, maxDigits = 0): string {
  return numberFormat(`g${maxDigits}`, { maximumFractionDigits: maxDigits }).format(n);
}

/** Fixed decimals with grouping: (1.5, 2) -> "1.50". */
export function formatFixed(n: number, digits: number): string {
  return numberFormat(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return numberFormat(`p${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** Short parameter count: 1596426 -> "1.60M", 175e9 -> "175B", 9999 -> "9,999". */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${formatFixed(n / 1e9, n >= 1e10 ? 1 : 2)}B`;
  if (n >= 1e6) return `${formatFixed(n / 1e6, n >= 1e7 ? 1 : 2)}M`;
  if (n >= 1e4) return `${formatFixed(n / 1e3, 1)}K`;
  return formatNumber(n);
}

function unit(u: 'hour' | 'minute' | 'second', n: number, pad: boolean, digits = 0): string {
  return numberFormat(`u${u}${pad ? 2 : 1}${digits}`, {
    style: 'unit',
    unit: u,
    unitDisplay: 'narrow',
    minimumIntegerDigits: pad ? 2 : 1,
    maximumFractionDigits: digits,
  }).format(n);
}

/** Elapsed time or ETA: "8.5s", "42s", "1m 05s", "2h 03m" (Korean: "8.5초", "1분 05초", "2시간 03분"). */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '—';
  if (sec < 10) return unit('second', Number(sec.toFixed(1)), false, 1);
  const s = Math.round(sec);
  if (s < 60) return unit('second', s, false);
  const m = Math.floor(s / 60);
  if (m < 60) return `${unit('minute', m, false)} ${unit('second', s % 60, true)}`;
  return `${unit('hour', Math.floor(m / 60), false)} ${unit('minute', m % 60, true)}`;
}

/** Date and time of a run or a saved copy: "Dec 2, 2026, 5:05 PM" / "2026. 12. 2. 오후 5:05". */
export function formatDateTime(at: number | Date): string {
  return dateFormat('dt', { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Compact date and time for table cells: "12/2, 5:05 PM" / "12. 2. 오후 5:05" (no year, no seconds). */
export function formatDateTimeShort(at: number | Date): string {
  return dateFormat('dts', { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** Time of day only: "5:05:12 PM" / "오후 5:05:12". */
export function formatTime(at: number | Date): string {
  return dateFormat('t', { timeStyle: 'medium' }).format(at);
}
