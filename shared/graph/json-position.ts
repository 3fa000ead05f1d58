// Finds where JSON text first goes wrong, so a bad file's error can say line and column.
// V8's JSON.parse only sometimes reports a position ("Unexpected token '}', ... is not valid JSON" has none).

export interface JsonSyntaxProblem {
  /** 0-based offset of the first bad character (text.length when the text ends too early). */
  offset: number;
  line: number;
  column: number;
  reason: string;
  /** The reason as a kind (for a translated message) and the character at fault. */
  kind: 'truncated' | 'trailingComma' | 'singleQuote' | 'unexpected';
  char: string;
}

/** The first syntax problem in `text`, or null when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const n = text.length;
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : stop());
  const number = () => {
    const re = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    re.lastIndex = i;
    if (!re.exec(text)) stop();
    i = re.lastIndex;
  };
  const string = () => {
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop();
          i += 5;
        } else if (i < n && '"\\/bfnrt'.includes(text[i])) i++;
        else stop();
      } else if (c < ' ') stop();
      else i++;
    }
    stop();
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    stop();
  };
  const container = (close: string, isObject: boolean) => {
    i++;
    skipSpace();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text[i] !== '"') stop();
        string();
        skipSpace();
        if (text[i] !== ':') stop();
        i++;
      }
      value();
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else stop();
    }
  };

  try {
    value();
    skipSpace();
    if (i < n) stop();
    return null;
  } catch (at) {
    if (typeof at !== 'number') throw at;
    return describeAt(text, at);
  }
}

function describeAt(text: string, offset: number): JsonSyntaxProblem {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  if (offset >= text.length) return { offset, line, column, reason: 'the text ends too early (is the file cut off?)', kind: 'truncated', char: '' };
  const c = text[offset];
  const prev = before.trimEnd().slice(-1);
  if ((c === '}' || c === ']') && prev === ',') return { offset, line, column, reason: `a trailing comma before '${c}'`, kind: 'trailingComma', char: c };
  if (c === "'") return { offset, line, column, reason: 'single quotes: JSON needs double quotes', kind: 'singleQuote', char: c };
  return { offset, line, column, reason: `unexpected ${JSON.stringify(c)}`, kind: 'unexpected', char: JSON.stringify(c) };
}
