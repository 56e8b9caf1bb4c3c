/**
 * A strict RFC 4180 reader for the tests, to read back what the export wrote: quoted fields with doubled quotes,
 * records ended by "\n" (as itsm writes them). A bare quote or CR outside quotes, or a last record without its "\n",
 * is an error, so a writer that gets quoting wrong fails loudly instead of shifting columns.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',' || c === '\n') {
      record.push(field);
      field = '';
      wasQuoted = false;
      if (c === '\n') {
        records.push(record);
        record = [];
      }
    } else if (c === '"' || c === '\r' || wasQuoted) throw new Error(`unexpected ${JSON.stringify(c)} at offset ${i}`);
    else field += c;
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('the last record does not end with "\\n"');
  return records;
}
