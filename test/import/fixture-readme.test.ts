import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/import/csv-stream.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The ServiceNow fixtures' README says how many rows and incidents each sample holds; the end-to-end tests and
 * docs/import.md quote the import's counts of the same files. This keeps the README true when a fixture changes.
 */
const FOLDER = join(REPO_ROOT, 'test/fixtures/import/servicenow');
const README = readFileSync(join(FOLDER, 'README.md'), 'utf8');

function countsOf(file: string): { rows: number; incidents: number; distinctRows: number } {
  const [header, ...rows] = parseCsv(readFileSync(join(FOLDER, file), 'utf8'));
  const number = header!.fields.indexOf('number');
  return {
    rows: rows.length,
    incidents: new Set(rows.map((r) => r.fields[number])).size,
    distinctRows: new Set(rows.map((r) => r.fields.join('\u0000'))).size,
  };
}

describe('test/fixtures/import/servicenow/README.md', () => {
  it('states, for every sample, the rows and incidents the file holds', () => {
    const claims = [...README.matchAll(/`([\w-]+\.csv)`(?: \(|: )(?:the same )?(\d+) rows of (\d+) incidents/g)];
    expect(claims.map((m) => m[1]).sort()).toEqual(['plain.csv', 'uci-sample-2016-02-29.csv', 'uci-sample-by-time.csv', 'uci-sample-since-2016-03-01.csv', 'uci-sample.csv']);
    for (const [, file, rows, incidents] of claims) {
      const counts = countsOf(file!);
      expect({ file, rows: counts.rows, incidents: counts.incidents }).toEqual({ file, rows: Number(rows), incidents: Number(incidents) });
    }
  });

  it('says how many rows of the log the UCI sample holds, and how many rows that makes with its copy', () => {
    const [, logRows, incidents, fileRows] = /all (\d+) rows the log has for (\w+) incidents,[\s\S]*?\(so (\d+) rows\)/.exec(README) ?? [];
    const counts = countsOf('uci-sample.csv');
    // 56 rows of the log + 1 copy of one of them (INC0000045's update 2) = 57 rows in the file.
    expect(Number(logRows)).toBe(counts.distinctRows);
    expect(incidents).toBe('ten');
    expect(counts.incidents).toBe(10);
    expect(Number(fileRows)).toBe(counts.rows);
  });
});
