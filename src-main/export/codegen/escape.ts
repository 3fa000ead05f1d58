// The only way text from a graph file reaches generated Python: a graph file is untrusted input (it may come
// from anyone), so a label, name, id or string parameter must never be able to end a comment or a string
// literal and become code. One function per place text can go:
//   pyString   a Python string literal (a proper repr: every quote, backslash and invisible character escaped)
//   pyDocText  text inside a """docstring""" (the same escapes, without the surrounding quotes)
//   pyComment  text after '#' (one line: line breaks and other invisible characters shown as escapes)
// Besides \n and \r, editors and some tools treat U+2028/U+2029, U+0085, \v, \f and \x1c-\x1e as line breaks,
// NUL makes the file unreadable to Python, and bidirectional controls can make code look different from what
// runs ("Trojan Source"): all of them are written as visible escapes.

/** Control, format (bidi, zero-width), line/paragraph separator and lone surrogate code points. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'gu');

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A Python escape for one invisible code point: \n, \xHH, \uHHHH or \UHHHHHHHH. */
function pyEscape(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
}

/** The body of a double-quoted Python string literal holding `text`: no raw quote, backslash or invisible character. */
function pyStringBody(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(INVISIBLE_G, pyEscape);
}

/** A Python string literal with exactly `text` as its value, e.g. pyString('a"b\n') -> "a\"b\n". */
export function pyString(text: string): string {
  return `"${pyStringBody(text)}"`;
}

/**
 * `text` made safe inside a (non-raw) """docstring""": no double quote can close it, no backslash can join the
 * closing quotes, no invisible character can start a new line. Python reads back exactly `text`.
 */
export function pyDocText(text: string): string {
  return pyStringBody(text);
}

/** `text` for a one-line '# comment': line breaks and invisible characters appear as escapes (\n, \u2028). */
export function pyComment(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(INVISIBLE_G, pyEscape);
}
