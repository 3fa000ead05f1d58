// One-line text in a graph file (names, labels, ids, feature names, dataset settings): no character that
// breaks a line or hides text. A graph file may come from anyone, and its text ends up in terminals, exported
// code comments and the canvas, where a line break or a bidirectional override can make it look like
// something else. The validator refuses such text with its position; the editor turns it into spaces.

/** Line breaks of every kind, other control characters, and the bidirectional controls. */
const INVISIBLE = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'gu');

const NAMES: Record<string, string> = {
  '\n': 'a line break (\\n)',
  '\r': 'a carriage return (\\r)',
  '\t': 'a tab',
  '\0': 'a NUL character',
  '\u0085': 'a next-line character (U+0085)',
  '\u2028': 'a line separator (U+2028)',
  '\u2029': 'a paragraph separator (U+2029)',
};

function describe(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[ch]) return NAMES[ch];
  return /\p{Cc}/u.test(ch) ? `an invisible control character (${code})` : `a bidirectional text control (${code})`;
}

/**
 * Why `text` is not one line of visible text (naming the character and where it is), or null when it is.
 * `allowLineBreaks` lets multi-line text (a description) keep \n, \r and tabs.
 */
export function oneLineTextProblem(text: string, allowLineBreaks = false): string | null {
  const chars = [...text];
  const at = chars.findIndex((c) => INVISIBLE.test(c) && !(allowLineBreaks && (c === '\n' || c === '\r' || c === '\t')));
  if (at < 0) return null;
  return `contains ${describe(chars[at])} at character ${at + 1}; ${allowLineBreaks ? 'only line breaks and tabs are allowed' : 'it must be one line of visible text'}`;
}

/** `text` with every character oneLineTextProblem refuses turned into a space (for text typed or pasted in the editor). */
export function oneLineText(text: string): string {
  return text.replace(INVISIBLE_G, ' ');
}
