import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, inputLines, malformedRow, parseCsv, readCsv, readCsvFile, type CsvRecord, type CsvStats } from '../../src/import/csv-stream.js';
import { createTempTree } from '../helpers/temp-repo.js';

const tree = createTempTree({}, 'itsm-csv-');
afterAll(() => tree.remove());

const rows = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields, LF and CRLF line ends, and a last line without one', () => {
    expect(rows(parseCsv('a,b,c\n1,2,3\r\n4,5,6'))).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('reads quoted fields with separators, escaped quotes and line ends inside', () => {
    const records = parseCsv('id,title\n1,"Outlook, again"\n2,"say ""hi"""\n3,"two\nlines"\n4,x\n');
    expect(rows(records)).toEqual([
      ['id', 'title'],
      ['1', 'Outlook, again'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
      ['4', 'x'],
    ]);
    // The record after a two-line field starts on line 6, not 5.
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
  });

  it('keeps empty fields, at the start, in the middle and at the end', () => {
    expect(rows(parseCsv(',a,,\n""\n'))).toEqual([['', 'a', '', ''], ['']]);
  });

  it('skips blank lines but counts them, and strips a byte order mark', () => {
    const records = parseCsv('\uFEFFa,b\n\n1,2\n\r\n3,4\n');
    expect(rows(records)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('reads a lone CR as a line end (old Excel for Mac)', () => {
    expect(rows(parseCsv('a,b\r1,2\r'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(rows(parseCsv('5" floppy,x\n'))).toEqual([['5" floppy', 'x']]);
  });

  it('marks text after a closing quote, and an unterminated quote, as errors without losing the record', () => {
    const [bad] = parseCsv('"abc"x,y\n');
    expect(bad).toEqual({ line: 1, fields: ['abcx', 'y'], error: 'unexpected "x" after a closing quote (column 1)' });
    const records = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(records[1]).toEqual({
      line: 2,
      lastLine: 3,
      openQuote: { line: 2, column: 2 },
      fields: ['1', 'never closed\n2,3\n'],
      error: 'the quote that opens column 2 on line 2 is not closed before the end of the file',
    });
  });

  it('takes another delimiter, and refuses one that cannot work', () => {
    expect(rows(parseCsv('a;b\n"1;2";3\n', { delimiter: ';' }))).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
    expect(() => new CsvParser({ delimiter: '"' })).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: ';;' })).toThrow(RangeError);
  });

  it('gives the same records however the text is cut into chunks (property)', () => {
    const field = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é') }), fc.constantFrom('', 'x'));
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (data, cuts, eol) => {
        // Quote every field, so that any content round-trips; a row of one empty field would be a blank line.
        const text = data.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join(eol) + eol;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const parser = new CsvParser();
        const out: CsvRecord[] = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          out.push(...parser.push(text.slice(from, p)));
          from = p;
        }
        out.push(...parser.end());
        expect(rows(out)).toEqual(data);
        expect(out).toEqual(parseCsv(text));
      }),
    );
  });
});

describe('readCsv and readCsvFile (streaming)', () => {
  it('reads from async chunks, with a CRLF split across two chunks', async () => {
    async function* chunks() {
      yield 'a,b\r';
      yield '\n1,2\r';
      yield '\n';
    }
    const out: CsvRecord[] = [];
    for await (const r of readCsv(chunks())) out.push(r);
    expect(out).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('streams a file in small chunks, decoding UTF-8 split across chunks, and reports progress', async () => {
    const path = join(tree.root, 'utf8.csv');
    const text = 'id,title\n1,"Zürich, Überweisung"\n2,日本語のチケット\n';
    writeFileSync(path, text);
    const progress: number[] = [];
    const out: CsvRecord[] = [];
    for await (const r of readCsvFile(path, { chunkSize: 3, onProgress: (b) => progress.push(b) })) out.push(r);
    expect(rows(out)).toEqual([
      ['id', 'title'],
      ['1', 'Zürich, Überweisung'],
      ['2', '日本語のチケット'],
    ]);
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
  });

  it('holds one record at a time: a consumer that stops early stops the reading', async () => {
    const path = join(tree.root, 'many.csv');
    writeFileSync(path, `n\n${Array.from({ length: 50_000 }, (_, i) => String(i)).join('\n')}\n`);
    let seen = 0;
    for await (const r of readCsvFile(path, { chunkSize: 1024 })) {
      seen++;
      if (r.fields[0] === '10') break;
    }
    expect(seen).toBe(12);
  });
});

/** Every record and the stats of a whole text. */
function parseWithStats(text: string): { records: CsvRecord[]; stats: CsvStats } {
  const parser = new CsvParser();
  const records = [...parser.push(text), ...parser.end()];
  return { records, stats: parser.stats() };
}

describe('line accounting', () => {
  it('counts the lines of the input, the blank ones, and the lines of a record that spans several', () => {
    // Line 1 header, 2 a row, 3 blank, 4–5 a row whose title has a line end, 6 a row without a line end.
    const { records, stats } = parseWithStats('id,title\n1,a\n\n2,"two\nlines"\n3,c');
    expect(records.map((r) => [r.line, r.lastLine])).toEqual([
      [1, undefined],
      [2, undefined],
      [4, 5],
      [6, undefined],
    ]);
    expect(records[2]!.openQuote).toEqual({ line: 4, column: 2 });
    expect(stats).toEqual({ lines: 6, blankLines: 1 });
    // 6 lines = 1 of header + 4 in the 3 rows (one line each, and lines 4–5) + 1 blank.
    expect(inputLines(stats, records[0]!)).toEqual({ total: 6, header: 1, rows: 4, blank: 1 });
  });

  it('counts a last line without a line end once, and no line after a final line end', () => {
    expect(parseWithStats('a\nb').stats).toEqual({ lines: 2, blankLines: 0 });
    expect(parseWithStats('a\nb\n').stats).toEqual({ lines: 2, blankLines: 0 });
    expect(parseWithStats('a\r\nb\r\n\r\n').stats).toEqual({ lines: 3, blankLines: 1 });
    expect(parseWithStats('').stats).toEqual({ lines: 0, blankLines: 0 });
  });

  it('gives a quote that is never closed every line to the end of the file, and not one more', () => {
    // Lines 1–2 are rows; the quote on line 3 swallows lines 3–5; the input ends with a line end, so there is no line 6.
    const { records, stats } = parseWithStats('a,b\n1,2\n3,"x\n4,5\n6,7\n');
    expect(records[2]).toMatchObject({ line: 3, lastLine: 5, error: 'the quote that opens column 2 on line 3 is not closed before the end of the file' });
    expect(stats.lines).toBe(5);
  });

  it('counts the same lines however the text is cut into chunks, CRLF split or not', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,3';
    const whole = parseWithStats(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new CsvParser();
      const records = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()];
      expect({ cut, records, stats: parser.stats() }).toEqual({ cut, ...whole });
    }
  });

  it('reports the counts of a file once it has been read to its end', async () => {
    const path = join(tree.root, 'lines.csv');
    writeFileSync(path, 'id,title\n\n1,"a\nb"\n');
    let stats: CsvStats | undefined;
    for await (const _ of readCsvFile(path, { chunkSize: 2, onEnd: (s) => (stats = s) })) void _;
    expect(stats).toEqual({ lines: 4, blankLines: 1 });
  });
});

describe('malformedRow', () => {
  const HEADER = 'number,state,priority,category,updated';
  const records = (text: string) => parseCsv(`${HEADER}\n${text}`).slice(1);

  it('passes a row with a quoted field over several lines (a description)', () => {
    const [row] = records('INC1,New,P3,"Email\nand calendar",2016-03-01\n');
    expect(row!.lastLine).toBe(3);
    expect(malformedRow(row!, 5, { exactFields: true })).toBeUndefined();
  });

  it('names a one-line row that is not well-formed, or has another number of fields when they must match', () => {
    const [bad, short] = records('INC1,"New"x,P3,Email,2016-03-01\nINC2,New,P3\n');
    expect(malformedRow(bad!, 5)).toEqual({ message: 'the row is not well-formed CSV (unexpected "x" after a closing quote (column 2))' });
    expect(malformedRow(short!, 5, { exactFields: true })).toEqual({ message: 'the row has 3 field(s) but the header has 5' });
    expect(malformedRow(short!, 5)).toBeUndefined();
  });

  it('reports a quote never closed with every line it swallowed, to the end of the file', () => {
    // Lines 2–3 rows; the quote on line 4 takes lines 4–6 (3 lines).
    const rows = records('INC1,New,P3,Email,1\nINC2,New,P3,Email,2\nINC3,New,P3,"Email,3\nINC4,New,P3,Email,4\nINC5,New,P3,Email,5\n');
    expect(rows).toHaveLength(3);
    expect(malformedRow(rows[2]!, 5, { exactFields: true })).toEqual({
      message:
        'the quote that opens column 4 on line 4 is not closed before the end of the file: the row starting on line 4 swallowed lines 4–6 (3 lines), ' +
        'which are skipped as this one row; fix that quote (a quote inside a field is written "") and import again',
      lastLine: 6,
    });
  });

  it('finds rows swallowed between two stray quotes, even when the record has the right number of fields', () => {
    // The quote on line 2 (column 4) is closed by the stray quote on line 5, at the end of column 4 there: lines 3 and
    // 4 became part of one field, and the record has its 5 fields.
    const [row, after] = records('INC1,New,P3,"Email,1\nINC2,New,P3,Email,2\nINC3,New,P3,Email,3\nINC4,New,P3,Email",4\nINC5,New,P3,Email,5\n');
    expect(row!.fields).toHaveLength(5);
    expect(malformedRow(row!, 5, { exactFields: true })).toEqual({
      message:
        'the quote that opens column 4 on line 2 is probably not closed (2 of its lines look like rows of the file): the row starting on line 2 ' +
        'swallowed lines 2–5 (4 lines), which are skipped as this one row; fix that quote (a quote inside a field is written "") and import again',
      lastLine: 5,
    });
    // The reading goes on after it: line 6 is a row again.
    expect(after).toMatchObject({ line: 6, fields: ['INC5', 'New', 'P3', 'Email', '5'] });
  });

  it('names the field count of a record over several lines, whatever exactFields says', () => {
    const [row] = records('INC1,New,P3,"Email,1\nINC2",New,P3,Email,2\n');
    expect(malformedRow(row!, 5)?.message).toMatch(/^the quote that opens column 4 on line 2 is probably not closed \(it has 8 field\(s\) where the header has 5\): the row starting on line 2 swallowed lines 2–3 \(2 lines\)/);
  });
});
