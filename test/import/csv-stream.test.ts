import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, parseCsv, readCsv, readCsvFile, type CsvRecord } from '../../src/import/csv-stream.js';
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
