import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * A streaming CSV reader (RFC 4180) for ticket exports of any size: it holds one record at a time, never the file.
 *
 * What it accepts, beyond the letter of RFC 4180, because real exports do it: LF as well as CRLF line ends (and a lone
 * CR, as old Excel for Mac writes), a UTF-8 byte order mark, blank lines (skipped, but counted in line numbers), a
 * quote inside an unquoted field (kept as a character), and text after a closing quote (kept, with an `error` on the
 * record so that the caller can report it). An unterminated quoted field at the end of the input is returned with an
 * `error`. Records are not checked against the header: how many fields a record must have is the caller's rule.
 */

export interface CsvRecord {
  /** 1-based line of the input on which the record starts (a quoted field may span several lines). */
  line: number;
  fields: string[];
  /** Set when the record is malformed; its fields are the parser's best reading. */
  error?: string;
}

export interface CsvOptions {
  /** Field separator, one character; default ",". */
  delimiter?: string;
}

export interface CsvFileOptions extends CsvOptions {
  /** Called after each chunk with the number of bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
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
      this.error ??= `a quoted field (column ${this.fields.length + 1}) is not closed before the end of the file`;
      this.fields.push(this.field);
    } else if (this.state === State.Unquoted || this.state === State.QuoteInQuoted || this.fields.length > 0) {
      this.fields.push(this.field);
    }
    this.field = '';
    if (this.fields.length > 0) {
      const record: CsvRecord = { line: this.recordLine, fields: this.fields };
      if (this.error !== undefined) record.error = this.error;
      out.push(record);
    }
    this.fields = [];
    this.error = undefined;
    this.state = State.FieldStart;
    return out;
  }

  /** A record ends at a line end outside quotes; a blank line holds no record but still counts as a line. */
  private endRecord(out: CsvRecord[]): void {
    if (this.fields.length > 0) {
      const record: CsvRecord = { line: this.recordLine, fields: this.fields };
      if (this.error !== undefined) record.error = this.error;
      out.push(record);
    }
    this.fields = [];
    this.error = undefined;
    this.line++;
    this.recordLine = this.line;
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
        if (!this.quotedCr) this.line++;
        this.quotedCr = false;
      } else if (c === CR) {
        this.line++;
        this.quotedCr = true;
      } else {
        this.quotedCr = false;
      }
    }
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
  } finally {
    stream.destroy();
  }
}
