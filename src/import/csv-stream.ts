import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { InputLines } from './types.js';

/**
 * A streaming CSV reader (RFC 4180) for ticket exports of any size: it holds one record at a time, never the file.
 *
 * What it accepts, beyond the letter of RFC 4180, because real exports do it: LF as well as CRLF line ends (and a lone
 * CR, as old Excel for Mac writes), a UTF-8 byte order mark, blank lines (skipped, but counted in line numbers), a
 * quote inside an unquoted field (kept as a character), and text after a closing quote (kept, with an `error` on the
 * record so that the caller can report it). An unterminated quoted field at the end of the input is returned with an
 * `error`. Records are not checked against the header: how many fields a record must have is the caller's rule
 * (`malformedRow` below is the importers' one).
 *
 * Every physical line is accounted for: a record says on which lines it starts and ends, and `stats()` counts the
 * lines of the input and the blank ones, so that a quote that is never closed (which makes the rest of the file one
 * field) can be reported with every line it swallowed.
 */

export interface CsvRecord {
  /** 1-based line of the input on which the record starts (a quoted field may span several lines). */
  line: number;
  /** The line on which the record ends, when it is not `line` (a quoted field with line ends in it). */
  lastLine?: number;
  /** Where the first quoted field that spans lines opened (set with `lastLine`): where to look for a quote never closed. */
  openQuote?: { line: number; column: number };
  fields: string[];
  /** Set when the record is malformed; its fields are the parser's best reading. */
  error?: string;
}

/** What the parser read, line by line: `lines` = lines of records (header included) + `blankLines`. */
export interface CsvStats {
  /** Physical lines of the input: its line ends, plus one when text follows the last one. */
  lines: number;
  /** Lines with nothing on them, outside quotes: they hold no record. */
  blankLines: number;
}

export interface CsvOptions {
  /** Field separator, one character; default ",". */
  delimiter?: string;
}

export interface CsvFileOptions extends CsvOptions {
  /** Called after each chunk with the number of bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
  /** Called once the whole file has been read, before the generator returns (not when the reader stops early). */
  onEnd?: (stats: CsvStats) => void;
  /** Chunk size in bytes; default 256 KiB. */
  chunkSize?: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Parser states. */
const State = {
  /** At the start of a field. */
  FieldStart: 0,
  /** Inside an unquoted field. */
  Unquoted: 1,
  /** Inside a quoted field. */
  Quoted: 2,
  /** Just after a quote inside a quoted field: the end of the field, or the first half of an escaped quote. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

/** An incremental parser: feed it text with `push`, then call `end`; each returns the records completed so far. */
export class CsvParser {
  private readonly delimiter: number;
  private state: State = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private error: string | undefined;
  /** The current physical line (1-based). */
  private line = 1;
  /** The line on which the current record started. */
  private recordLine = 1;
  /** Whether the input read so far ends with a line end (else its last line has no line end, and still counts). */
  private endedOnLineEnd = true;
  private blankLines = 0;
  /** Where the current quoted field opened. */
  private quoteLine = 1;
  private quoteColumn = 1;
  /** Where the first quoted field of the current record that spans lines opened. */
  private openQuote: { line: number; column: number } | undefined;
  /** The previous chunk ended in a CR outside quotes: a LF that starts the next chunk belongs to it. */
  private pendingCr = false;
  /** The previous chunk ended in a CR inside quotes (for line counting of CRLF split across chunks). */
  private quotedCr = false;
  private sawFirstChunk = false;

  constructor(options: CsvOptions = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`a CSV delimiter is one character other than a quote or a line end; found ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.sawFirstChunk && text.length > 0) {
      this.sawFirstChunk = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    // Once per chunk rather than per character: only the very end of the input is asked about.
    if (n > 0) {
      const last = text.charCodeAt(n - 1);
      this.endedOnLineEnd = last === LF || last === CR;
    }
    const delimiter = this.delimiter;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
        case State.Unquoted: {
          if (c === delimiter) {
            this.fields.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
          } else if (c === LF || c === CR) {
            if (this.state === State.Unquoted || this.fields.length > 0) this.fields.push(this.field);
            this.field = '';
            this.endRecord(out);
            this.state = State.FieldStart;
            i = this.skipLfAfterCr(text, i, c);
          } else if (c === QUOTE && this.state === State.FieldStart) {
            this.quoteLine = this.line;
            this.quoteColumn = this.fields.length + 1;
            this.state = State.Quoted;
          } else {
            // Scan the rest of the unquoted field at once: most fields of an export are plain.
            let j = i + 1;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === delimiter || d === LF || d === CR) break;
              j++;
            }
            this.field += text.slice(i, j);
            this.state = State.Unquoted;
            i = j - 1;
          }
          break;
        }
        case State.Quoted: {
          if (c === QUOTE) {
            this.state = State.QuoteInQuoted;
            break;
          }
          let j = text.indexOf('"', i);
          if (j < 0) j = n;
          const segment = text.slice(i, j);
          this.countQuotedLines(segment);
          this.field += segment;
          i = j - 1;
          break;
        }
        case State.QuoteInQuoted: {
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
          } else if (c === delimiter) {
            this.fields.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.fields.push(this.field);
            this.field = '';
            this.endRecord(out);
            this.state = State.FieldStart;
            i = this.skipLfAfterCr(text, i, c);
          } else {
            this.error ??= `unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote (column ${this.fields.length + 1})`;
            this.field += String.fromCharCode(c);
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
    return out;
  }

  /** Finishes the input: the last record may have no line end. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === State.Quoted) {
      this.error ??= `the quote that opens column ${this.quoteColumn} on line ${this.quoteLine} is not closed before the end of the file`;
      this.fields.push(this.field);
    } else if (this.state === State.Unquoted || this.state === State.QuoteInQuoted || this.fields.length > 0) {
      this.fields.push(this.field);
    }
    this.field = '';
    // The input may end just after a line end inside quotes: the record's last line is then the one before.
    if (this.fields.length > 0) out.push(this.record(this.endedOnLineEnd ? this.line - 1 : this.line));
    this.fields = [];
    this.error = undefined;
    this.openQuote = undefined;
    this.state = State.FieldStart;
    return out;
  }

  /** The lines read so far (all of them after `end`). */
  stats(): CsvStats {
    return { lines: this.line - 1 + (this.endedOnLineEnd ? 0 : 1), blankLines: this.blankLines };
  }

  /** A record ends at a line end outside quotes; a blank line holds no record but still counts as a line. */
  private endRecord(out: CsvRecord[]): void {
    if (this.fields.length > 0) out.push(this.record(this.line));
    else this.blankLines++;
    this.fields = [];
    this.error = undefined;
    this.openQuote = undefined;
    this.line++;
    this.recordLine = this.line;
  }

  private record(lastLine: number): CsvRecord {
    const record: CsvRecord = { line: this.recordLine, fields: this.fields };
    if (lastLine > this.recordLine) record.lastLine = lastLine;
    if (this.openQuote !== undefined && lastLine > this.recordLine) record.openQuote = this.openQuote;
    if (this.error !== undefined) record.error = this.error;
    return record;
  }

  /** After a CR line end, a LF is part of the same line end; it may be the first character of the next chunk. */
  private skipLfAfterCr(text: string, i: number, c: number): number {
    if (c !== CR) return i;
    if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 1 : i;
    this.pendingCr = true;
    return i;
  }

  /** Line ends inside a quoted field still advance the line count, so later records keep their true line numbers. */
  private countQuotedLines(segment: string): void {
    for (let k = 0; k < segment.length; k++) {
      const c = segment.charCodeAt(k);
      if (c === LF) {
        if (!this.quotedCr) this.newQuotedLine();
        this.quotedCr = false;
      } else if (c === CR) {
        this.newQuotedLine();
        this.quotedCr = true;
      } else {
        this.quotedCr = false;
      }
    }
  }

  private newQuotedLine(): void {
    this.line++;
    this.openQuote ??= { line: this.quoteLine, column: this.quoteColumn };
  }
}

/**
 * A copy of `value` that does not keep alive the chunk it was cut from. Fields are slices of the input chunk, and V8
 * represents a slice of 13 characters or more as a view on its parent: a caller that keeps fields after their record
 * (in the tickets it builds) would otherwise keep every chunk of the file in memory. The concatenation is flattened
 * into a new string of the field's own size, of which the slice is a view.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/** Parses a whole CSV text at once (for tests and small files). */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

/** Reads CSV records from text chunks as they arrive. */
export async function* readCsv(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

/**
 * Streams the records of a CSV file, decoding UTF-8 across chunk boundaries. Memory is one chunk and one record,
 * whatever the size of the file. Invalid UTF-8 becomes U+FFFD rather than an error: a mangled character in a title
 * is better than a lost ticket.
 */
export async function* readCsvFile(path: string, options: CsvFileOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 256 * 1024 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      const records = parser.push(decoder.write(chunk));
      options.onProgress?.(bytes);
      yield* records;
    }
    yield* parser.push(decoder.end());
    yield* parser.end();
    options.onEnd?.(parser.stats());
  } finally {
    stream.destroy();
  }
}

/** How the lines of a CSV input were spent, from the reader's count and the header record. */
export function inputLines(stats: CsvStats, header: CsvRecord): InputLines {
  const headerLines = (header.lastLine ?? header.line) - header.line + 1;
  return { total: stats.lines, header: headerLines, rows: stats.lines - headerLines - stats.blankLines, blank: stats.blankLines };
}

/** Why a record cannot be a row of its file, with every line it took. */
export interface MalformedRow {
  message: string;
  /** The record's last line, when it spans several (the lines it swallowed run from its `line` to this one). */
  lastLine?: number;
}

/** Files this narrow may have free text with as many commas as a row: rows swallowed by a quote are not looked for. */
const MIN_COLUMNS_TO_SPOT_ROWS = 5;

/**
 * Why `record` cannot be a row of a file whose header has `columns` fields, or undefined when it can be one:
 *
 * - the parser marked it (text after a closing quote, a quote not closed before the end of the file);
 * - it has another number of fields than the header: always when it spans lines, and for a one-line record when
 *   `exactFields` (a ServiceNow export is never ragged; a hand-made CSV may leave trailing cells out);
 * - its multi-line quoted field holds whole lines that look like rows of the file (exactly as many delimiters as a
 *   row, and no quote, which would have ended the field): a stray quote opened the field and another one closed it
 *   further down, so that the rows between became one field. Nothing else would tell: the record may even have the
 *   right number of fields.
 *
 * A record that spans lines is reported with all of them, and with where its quote opened: the rows it swallowed are
 * not lost, they are these lines, skipped as one row.
 */
export function malformedRow(record: CsvRecord, columns: number, options: { delimiter?: string; exactFields?: boolean } = {}): MalformedRow | undefined {
  const count = record.fields.length;
  const last = record.lastLine;
  if (last === undefined) {
    if (record.error !== undefined) return { message: `the row is not well-formed CSV (${record.error})` };
    if (options.exactFields === true && count !== columns) return { message: `the row has ${count} field(s) but the header has ${columns}` };
    return undefined;
  }
  const swallowed = rowsInside(record, columns, options.delimiter ?? ',');
  let reason: string | undefined;
  if (record.error !== undefined) reason = record.error;
  else if (count !== columns) reason = `it has ${count} field(s) where the header has ${columns}`;
  else if (swallowed > 0) reason = `${swallowed === 1 ? 'one of its lines looks' : `${swallowed.toLocaleString('en-US')} of its lines look`} like ${swallowed === 1 ? 'a row' : 'rows'} of the file`;
  if (reason === undefined) return undefined;
  const quote = record.openQuote ?? { line: record.line, column: 1 };
  const lines = `lines ${record.line.toLocaleString('en-US')}–${last.toLocaleString('en-US')} (${(last - record.line + 1).toLocaleString('en-US')} lines)`;
  const cause = /is not closed before the end of the file$/.test(reason) ? `${reason}` : `the quote that opens column ${quote.column} on line ${quote.line} is probably not closed (${reason})`;
  return {
    message: `${cause}: the row starting on line ${record.line.toLocaleString('en-US')} swallowed ${lines}, which are skipped as this one row; fix that quote (a quote inside a field is written "") and import again`,
    lastLine: last,
  };
}

/** How many lines inside the record's multi-line quoted field look like whole rows of the file. */
function rowsInside(record: CsvRecord, columns: number, delimiter: string): number {
  if (columns < MIN_COLUMNS_TO_SPOT_ROWS || record.openQuote === undefined) return 0;
  const field = record.fields[record.openQuote.column - 1];
  if (field === undefined) return 0;
  // The first and the last piece are the ends of the record's own lines; the pieces between are whole lines.
  const pieces = field.split(/\r\n|\r|\n/).slice(1, -1);
  let rows = 0;
  for (const piece of pieces) {
    let delimiters = 0;
    for (let i = 0; i < piece.length; i++) if (piece[i] === delimiter) delimiters++;
    if (delimiters === columns - 1) rows++;
  }
  return rows;
}
