// Fixed character vocabularies of the synthetic and text tasks. Fixed (not built from the data) so that
// the catalogue can tell shapes without reading any file, and a model trained on one file fits another.

export interface CharVocab {
  /** Token id -> character ('' for special tokens). */
  chars: string[];
  /** Special tokens by name -> id. */
  special: Record<string, number>;
  size: number;
}

function build(specials: string[], chars: string[]): CharVocab {
  const special: Record<string, number> = {};
  specials.forEach((name, i) => (special[name] = i));
  const all = [...specials.map(() => ''), ...chars];
  return { chars: all, special, size: all.length };
}

const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const digits = '0123456789'.split('');
const lower = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** Character LM vocabulary: 0 = unknown (anything not printable ASCII), 1 = newline, then ' '..'~'. */
export const TEXT_VOCAB: CharVocab = (() => {
  const v = build(['unk'], ['\n', ...printable]);
  return v;
})();

/** Addition task: 0 = padding space, digits, '+'. */
export const ADDITION_VOCAB: CharVocab = build([], [' ', ...digits, '+']);

/** Date translation: 0 = pad, 1 = start (first decoder input), then punctuation, digits, letters. */
export const DATE_VOCAB: CharVocab = build(['pad', 'start'], [' ', ',', '/', '-', '.', ...digits, ...lower]);

/** English names of the digits 0..9, spelled by the one-to-many digit-name task. */
export const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Characters in the longest digit name. */
export const DIGIT_NAME_MAX_LENGTH = Math.max(...DIGIT_NAMES.map((n) => n.length));

/** Digit names: 0 = end (pads every name to a fixed length), then the 15 letters the names use. */
export const DIGIT_NAME_VOCAB: CharVocab = build(['end'], [...new Set(DIGIT_NAMES.join(''))].sort());

/** Token id of a character; `fallback` when the vocabulary lacks it. */
export function charId(vocab: CharVocab, ch: string, fallback = 0): number {
  const i = vocab.chars.indexOf(ch, Object.keys(vocab.special).length);
  return i < 0 ? fallback : i;
}

/** Ids -> text, special tokens dropped. */
export function decodeIds(vocab: CharVocab, ids: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) s += vocab.chars[ids[i]] ?? '';
  return s;
}
