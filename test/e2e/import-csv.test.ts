import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { createTempTree, type TempTree } from '../helpers/temp-repo.js';
import { blockAfter, fixtureServicesAndConsumers, importDocs } from '../import/csv-mapped-helpers.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/csv');
const HELPDESK = ['helpdesk-tickets/tickets.csv', 'helpdesk-tickets/mapping.yaml'].map((f) => join(FIXTURES, f)) as [string, string];
const AUDIT = ['audit-log/updates.csv', 'audit-log/mapping.yaml'].map((f) => join(FIXTURES, f)) as [string, string];
const OCTOBER = 'tickets/2026/2026-10.yaml';

const trees: TempTree[] = [];
afterAll(() => trees.forEach((t) => t.remove()));

/** `itsm init` output plus the services and consumers the fixtures name, without init's example ticket. */
async function repository(): Promise<string> {
  const tree = createTempTree(Object.fromEntries(Object.entries(fixtureServicesAndConsumers()).map(([path, text]) => [`repo/${path}`, text])), 'itsm-import-csv-');
  trees.push(tree);
  const init = await runCliAsync(['init', 'repo', '--force'], { cwd: tree.root });
  expect(init.status).toBe(0);
  rmSync(join(tree.root, 'repo', 'tickets'), { recursive: true });
  return join(tree.root, 'repo');
}

async function validates(repo: string): Promise<void> {
  const validate = await runCliAsync(['validate', repo, '--format', 'json']);
  expect(validate.status).toBe(0);
  expect((JSON.parse(validate.stdout) as { summary: { errors: number } }).summary.errors).toBe(0);
}

describe.concurrent('itsm import csv', { timeout: E2E_TIMEOUT }, () => {
  it('imports one row per ticket and one row per update into one repository, which validates; re-importing changes nothing', async () => {
    const repo = await repository();
    const tickets = await runCliAsync(['import', 'csv', HELPDESK[0], '--repo', repo, '--map', HELPDESK[1]]);
    expect(tickets.status).toBe(0);
    expect(tickets.stdout.split('\n').slice(1)).toEqual([
      // The file's blank line and its title over two lines: every line is accounted for.
      'Lines: 13 in the file = 1 in the header + 11 in the 10 rows + 1 blank',
      'Tickets: 6 new, 0 updated, 0 unchanged, 1 left out as invalid',
      'Files: 1 created, 0 updated, 0 unchanged',
      `  created ${OCTOBER} (6 tickets)`,
      'Skipped rows by reason:',
      '  unparseable-date  1  line 8',
      '  missing-field     1  line 10',
      '  duplicate-row     1  line 9',
      '  invalid-ticket    1  line 11',
      'Values that map to nothing (most tickets first):',
      '  Art → type: 1 value, 1 ticket, 1 row skipped',
      '    "Wunsch"  1 ticket  1 row',
      '  Status → status: 1 value, 1 ticket, 0 rows skipped',
      '    "Eskaliert"  1 ticket  0 rows',
      'Used with a correction: 2 values (lines 7, 13)',
      '',
    ]);
    expect(tickets.stdout).toMatch(/^Imported .*tickets\.csv \(csv\) into .*: 10 rows read, 6 used, 4 skipped\n/);
    expect(tickets.stderr.replaceAll(HELPDESK[0], 'tickets.csv').split('\n')).toEqual([
      'tickets.csv:7  unknown-state  Status "Eskaliert" is not mapped to a status; it is left out of the timeline (row used)',
      'tickets.csv:8  unparseable-date  Erstellt: "31/9/2026 8:00 AM" is not a date in the formats "D/M/YYYY h:mm A", "D.M.YYYY H:mm"; the ticket is skipped',
      'tickets.csv:9  duplicate-row  ticket T-1001 appears again, an identical copy of line 2; the first row is imported',
      'tickets.csv:10  missing-field  Priorität is empty and the mapping has no fallback priority; the ticket is skipped',
      'tickets.csv:11  invalid-ticket  Art "Wunsch" is not mapped to incident, request, problem or change and the mapping has no fallback type; the ticket is skipped',
      'tickets.csv:13  out-of-order  closed 2026-10-13T07:00:00Z is before it was resolved (2026-10-13T08:00:00Z); moved to 2026-10-13T08:00:00Z (row used)',
      'itsm: note: this export has one row per ticket and no history: each timeline holds only the resolution and closure dates (and the current status, when a column dates it), so response times and pauses cannot be measured',
      '',
    ]);

    const updates = await runCliAsync(['import', 'csv', AUDIT[0], '--repo', repo, '--map', AUDIT[1]]);
    expect(updates.status).toBe(0);
    expect(updates.stdout).toMatch(
      /: 13 rows read, 9 used, 4 skipped\nLines: 15 in the file = 1 in the header \+ 13 in the 13 rows \+ 1 blank\nTickets: 3 new, 0 updated, 0 unchanged, 1 left out as invalid\n/,
    );
    expect(updates.stderr).toContain('updates.csv:13  invalid-ticket  category "Plotters" names no mapped service and the mapping has no fallback service; the ticket is skipped (its 2 rows are skipped)\n');
    expect(updates.stderr).not.toContain('itsm: note:');

    const written = readFileSync(join(repo, OCTOBER), 'utf8');
    expect(written).toContain(
      [
        '  id: INC100',
        '  labels:',
        '    itsm/source: csv',
        'spec:',
        '  type: incident',
        '  service: email',
        '  consumer: finance',
        '  priority: P3',
        '  title: Email bounces',
        '  opened: 2026-10-05T12:00:00Z',
        '  timeline:',
        '    - { at: 2026-10-05T12:20:00Z, status: in-progress, actor: bruno }',
        '    - { at: 2026-10-05T13:00:00Z, status: awaiting-customer, priority: P2, actor: bruno }',
        '    - { at: 2026-10-05T14:00:00Z, status: in-progress, actor: bruno }',
        '    - { at: 2026-10-05T15:00:00Z, status: resolved, actor: bruno }',
      ].join('\n'),
    );
    expect(written).toContain('  title: "Neues Notebook für Frau Weber"\n');
    // The documentation shows T-1001 as this import writes it.
    const documented = blockAfter(importDocs(), 'T-1001 becomes:', 'yaml');
    expect(written).toContain(documented.replace(/^apiVersion: itsm\/v1\nkind: Ticket\n/, ''));
    await validates(repo);

    const [again1, again2] = await Promise.all([
      runCliAsync(['import', 'csv', HELPDESK[0], '--repo', repo, '--map', HELPDESK[1], '--dry-run']),
      runCliAsync(['import', 'csv', AUDIT[0], '--repo', repo, '--map', AUDIT[1], '--dry-run']),
    ]);
    // Line 2 of each summary says how the lines were spent (both files have a blank line).
    expect(again1.stdout.split('\n')[2]).toBe('Tickets: 0 new, 0 updated, 6 unchanged, 1 left out as invalid');
    expect(again2.stdout.split('\n')[2]).toBe('Tickets: 0 new, 0 updated, 3 unchanged, 1 left out as invalid');
    const reimport = await runCliAsync(['import', 'csv', AUDIT[0], '--repo', repo, '--map', AUDIT[1]]);
    expect(reimport.status).toBe(0);
    expect(readFileSync(join(repo, OCTOBER), 'utf8')).toBe(written);
  });

  it('needs --map, and reports a mapping file\'s problems at their lines with exit 2', async () => {
    const repo = await repository();
    const noMap = await runCliAsync(['import', 'csv', AUDIT[0], '--repo', repo]);
    expect(noMap).toEqual({ status: 2, stdout: '', stderr: 'itsm: itsm import csv needs --map MAPPING.yaml to say which columns hold what (see docs/import-jira-csv.md, "Any CSV")\n' });

    const bad = await runCliAsync(['import', 'csv', 'audit-log/updates.csv', '--repo', repo, '--map', 'bad-mapping/mapping.yaml'], { cwd: FIXTURES });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').slice(0, 3)).toEqual([
      'itsm: the mapping file has 5 problems:',
      '  bad-mapping/mapping.yaml:6:11: "timeZone" is not valid; expected an IANA time zone such as "America/New_York", "Europe/Berlin" or "UTC"',
      '  bad-mapping/mapping.yaml:7:15: "dateFormats[0]" is not valid; "Y" is not a date letter (use YYYY, M, D, H, h, m, s, S, A, Z, or [Y] for the letter itself)',
    ]);
  });

  it('refuses a file whose header lacks the mapped columns, naming the file, and writes nothing', async () => {
    const repo = await repository();
    const result = await runCliAsync(['import', 'csv', 'audit-log/updates.csv', '--repo', repo, '--map', 'helpdesk-tickets/mapping.yaml'], { cwd: FIXTURES });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^itsm: audit-log\/updates\.csv: the header has no column "Ticket" \(columns\.id\), "Betreff" \(columns\.title\), .*\(is "delimiter" in the mapping file right\?\)\n$/);
    expect(() => readFileSync(join(repo, OCTOBER))).toThrow();
  });
});
