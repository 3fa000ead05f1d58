// CSV rows with the line each starts on, parsed by Papa Parse (RFC 4180: quoted fields may hold delimiters,
// newlines and doubled quotes). Line endings are made '\n' first (files mix '\r\n', '\n' and '\r', and Papa Parse
// guesses one kind per file), so a row's line is the count of '\n' before it. Files are streamed through the
// parser; a malformed quote is a DatasetError naming the line.
import Papa from 'papaparse';
import { Transform, type Readable } from 'node:stream';
import { DatasetError } from './errors';

/**
 * The longest row read (in characters). Papa Parse re-parses an unfinished row with each new piece of the stream,
 * so one row spanning the file (a line without line breaks, a stray quote) took time growing with its square; with
 * rows capped, the work per piece is bounded and reading stays linear in the file's size.
 */
export const MAX_ROW_CHARS = 1024 * 1024;

export interface CsvRow {
  cells: string[];
  /** 1-based line of the file on which the row starts. */
  line: number;
}

/** Comma, unless the header line clearly uses semicolons or tabs. */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|\r|$/));
  const count = (c: string) => header.split(c).length - 1;
  if (count(';') > count(',') && count(';') >= count('\t')) return ';';
  if (count('\t') > count(',')) return '\t';
  return ',';
}

/**
 * Follows Papa Parse through the (normalised) text: `text(chunk)` for every piece it is given, `step(result)` for
 * every row it returns. Rows that are empty lines are dropped, as a spreadsheet does.
 */
class RowTracker {
  private readonly pending: string[] = [];
  /** Position (in the normalised text) up to which newlines are counted, and the line there. */
  private counted = 0;
  private line = 1;
  /** Where `pending[0]` starts. */
  private base = 0;
  /** Length of the text given so far, and where the last row Papa Parse returned ends. */
  private fed = 0;
  private cursor = 0;

  constructor(
    private readonly file: string,
    private readonly onRow: (row: CsvRow) => void,
  ) {}

  text(chunk: string): void {
    this.pending.push(chunk);
    this.fed += chunk.length;
  }

  /** Characters given but not yet returned as a row: the row being read. */
  get unfinished(): number {
    return this.fed - this.cursor;
  }

  /**
   * Why the row being read cannot be finished (at the end of the file, or past MAX_ROW_CHARS): a quote opened and
   * never closed, named with its line, or a row over the limit. Only scans the unfinished row.
   */
  unfinishedRowError(atEnd: boolean): DatasetError | null {
    this.advance(this.cursor);
    const row = this.pending.join('').slice(this.cursor - this.base);
    if (atEnd && row.trim() === '') return null;
    let line = this.line;
    let quoteLine = 0;
    let fieldStart = true;
    for (let i = 0; i < row.length; i++) {
      const c = row[i];
      if (quoteLine) {
        if (c === '"') {
          if (row[i + 1] === '"') i++;
          else quoteLine = 0;
        }
      } else if (c === '"' && fieldStart) quoteLine = line;
      if (c === '\n') line++;
      fieldStart = c === '\n' || c === ',' || c === ';' || c === '\t';
    }
    if (quoteLine) return new DatasetError(`line ${quoteLine}: a quoted field is never closed (a stray " opens a field that runs on to ${atEnd ? 'the end of the file' : 'more than 1 MB'})`, this.file);
    if (atEnd) return new DatasetError(`line ${this.line}: the last row cannot be read`, this.file);
    return new DatasetError(`line ${this.line}: a row is longer than 1 MB; LayerLab reads CSV rows of up to ${MAX_ROW_CHARS.toLocaleString('en-US')} characters`, this.file);
  }

  /** Line number at the normalised-text position `to`, dropping text already passed. */
  private advance(to: number): number {
    while (this.counted < to && this.pending.length > 0) {
      const chunk = this.pending[0];
      const end = Math.min(to, this.base + chunk.length);
      for (let i = this.counted - this.base; i < end - this.base; i++) if (chunk.charCodeAt(i) === 10) this.line++;
      this.counted = end;
      if (end === this.base + chunk.length) {
        this.pending.shift();
        this.base = end;
      }
    }
    return this.line;
  }

  step(result: Papa.ParseStepResult<string[]>): void {
    const line = this.line;
    const error = result.errors[0];
    if (error) {
      // Papa Parse reports an unclosed quote on the row where it opened; that row's line is `line`.
      if (error.code === 'MissingQuotes') throw new DatasetError(`line ${line}: a quoted field is never closed`, this.file);
      if (error.code === 'InvalidQuotes') {
        throw new DatasetError(`line ${line}: a quoted field has text after its closing quote (inside quotes, write a quote as "")`, this.file);
      }
      throw new DatasetError(`line ${line}: ${error.message}`, this.file);
    }
    this.cursor = result.meta.cursor;
    this.advance(result.meta.cursor);
    const cells = result.data;
    if (cells.length > 1 || (cells[0] ?? '').trim() !== '') this.onRow({ cells, line });
  }
}

/** '\r\n' and lone '\r' -> '\n', and a leading byte-order mark dropped, across chunk boundaries. */
function normaliseNewlines(): Transform {
  let carryCr = false;
  let first = true;
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _enc, done) {
      let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (carryCr) text = `\r${text}`;
      carryCr = text.endsWith('\r');
      if (carryCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, carryCr ? '\n' : '');
    },
  });
}

/** Rows of CSV text held in memory (tests, small inputs). */
export function parseCsvText(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const normal = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tracker = new RowTracker(file, (r) => rows.push(r));
  tracker.text(normal);
  Papa.parse<string[]>(normal, { delimiter: detectDelimiter(normal), newline: '\n', step: (r) => tracker.step(r) });
  return rows;
}

/** Rows of a CSV stream (UTF-8), handed to `onRow` as they are parsed; `delimiter` from detectDelimiter. */
export function parseCsvStream(input: Readable, file: string, delimiter: string, onRow: (row: CsvRow) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const text = input.pipe(normaliseNewlines());
    const tracker = new RowTracker(file, onRow);
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(err instanceof DatasetError ? err : new DatasetError(`cannot read: ${err instanceof Error ? err.message : String(err)}`, file));
    };
    input.on('error', fail);
    // Registered before Papa Parse's own listener, so the tracker has every piece before rows in it arrive.
    text.on('data', (chunk: string) => {
      tracker.text(chunk);
      if (tracker.unfinished > MAX_ROW_CHARS) fail(tracker.unfinishedRowError(false));
    });
    Papa.parse<string[]>(text as unknown as Papa.LocalFile, {
      delimiter,
      newline: '\n',
      step: (result, parser) => {
        if (failed) return;
        try {
          tracker.step(result);
        } catch (err) {
          parser.abort();
          fail(err);
        }
      },
      complete: () => {
        if (failed) return;
        // Papa Parse drops a row whose quote never closes at the end of a stream without an error.
        const unfinished = tracker.unfinishedRowError(true);
        if (unfinished) fail(unfinished);
        else resolve();
      },
      error: (err: Error) => fail(err),
    });
  });
}
