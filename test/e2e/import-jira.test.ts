import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { createTempTree, type TempTree } from '../helpers/temp-repo.js';
import { fixtureServicesAndConsumers } from '../import/csv-mapped-helpers.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/jira');
const JSON_EXPORT = join(FIXTURES, 'search-changelog.json');
const CSV_EXPORT = join(FIXTURES, 'export.csv');
const MAPPING = join(FIXTURES, 'mapping.yaml');
const OCTOBER = 'tickets/2026/2026-10.yaml';

const trees: TempTree[] = [];
afterAll(() => trees.forEach((t) => t.remove()));

/** `itsm init` output plus the services and consumers the fixtures name, without init's example ticket. */
async function repository(): Promise<string> {
  const tree = createTempTree(Object.fromEntries(Object.entries(fixtureServicesAndConsumers()).map(([path, text]) => [`repo/${path}`, text])), 'itsm-import-jira-');
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

describe.concurrent('itsm import jira', { timeout: E2E_TIMEOUT }, () => {
  it('imports the JSON of the REST API, reports each problem at its line, validates, and changes nothing the second time', async () => {
    const repo = await repository();
    const first = await runCliAsync(['import', 'jira', JSON_EXPORT, '--repo', repo, '--map', MAPPING], { cwd: REPO_ROOT });
    expect(first.status).toBe(0);
    expect(first.stdout.split('\n').slice(0, 9)).toEqual([
      expect.stringMatching(/^Imported .*search-changelog\.json \(jira\) into .*: 9 rows read, 5 used, 4 skipped$/),
      'Tickets: 5 new, 0 updated, 0 unchanged, 1 left out as invalid',
      'Files: 1 created, 0 updated, 0 unchanged',
      `  created ${OCTOBER} (5 tickets)`,
      'Skipped rows by reason:',
      '  unparseable-date  1  line 260',
      '  missing-field     1  line 295',
      '  duplicate-row     1  line 10',
      '  invalid-ticket    1  line 225',
    ]);
    const stderr = first.stderr.replaceAll(JSON_EXPORT, 'search-changelog.json');
    expect(stderr).toContain('search-changelog.json:225  invalid-ticket  issue type "Bug" is not mapped to incident, request, problem or change and the mapping has no fallback type; the ticket is skipped\n');
    expect(stderr).toContain('search-changelog.json:113  unknown-state  status "QA Review" is not mapped to a status; it is left out of the timeline (row used)\n');
    expect(stderr).toMatch(/itsm: note: 1 issue\(s\) came without a changelog/);

    const written = readFileSync(join(repo, OCTOBER), 'utf8');
    expect(written).toContain(
      [
        'spec:',
        '  type: incident',
        '  service: email',
        '  consumer: finance',
        '  priority: P2',
        '  title: Outlook cannot connect',
        '  opened: 2026-10-05T12:02:11Z',
        '  timeline:',
        '    - { at: 2026-10-05T12:09:30Z, status: in-progress, actor: Jo Alvarez }',
        '    - { at: 2026-10-05T12:30:00Z, priority: P1, actor: Jo Alvarez }',
        '    - { at: 2026-10-05T13:10:00Z, status: awaiting-customer, actor: Jo Alvarez }',
        '    - { at: 2026-10-05T14:45:00Z, status: in-progress, actor: Pat Customer }',
        '    - { at: 2026-10-05T15:20:00Z, status: resolved, actor: Jo Alvarez }',
      ].join('\n'),
    );
    await validates(repo);

    const again = await runCliAsync(['import', 'jira', JSON_EXPORT, '--repo', repo, '--map', MAPPING]);
    expect(again.status).toBe(0);
    expect(again.stdout.split('\n').slice(1, 3)).toEqual(['Tickets: 0 new, 0 updated, 5 unchanged, 1 left out as invalid', 'Files: 0 created, 0 updated, 1 unchanged']);
    expect(readFileSync(join(repo, OCTOBER), 'utf8')).toBe(written);
  });

  it('imports the CSV export, says that it has no history, and accounts for every row in the JSON summary', async () => {
    const repo = await repository();
    const result = await runCliAsync(['import', 'jira', CSV_EXPORT, '--repo', repo, '--map', MAPPING, '--format', 'json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { rowsRead: number; rowsUsed: number; rowsSkipped: number; written: number; skippedByKind: Record<string, number> };
    expect(summary).toMatchObject({ rowsRead: 10, rowsUsed: 7, rowsSkipped: 3, written: 7, skippedByKind: { 'unparseable-date': 1, 'missing-field': 1, 'duplicate-row': 1 } });
    expect(result.stderr).toContain("itsm: note: Jira's CSV export has no history: each timeline holds only the resolution");
    const written = readFileSync(join(repo, OCTOBER), 'utf8');
    expect(written).toContain(
      ['  id: ITSD-205', '  labels:', '    itsm/source: jira', 'spec:', '  type: request', '  service: service-desk', '  consumer: hr', '  priority: P4', '  title: Need a second monitor', '  opened: 2026-10-08T06:00:00Z', '  timeline:', '    - { at: 2026-10-08T07:00:00Z, status: cancelled }'].join('\n'),
    );
    await validates(repo);
    const again = await runCliAsync(['import', 'jira', CSV_EXPORT, '--repo', repo, '--map', MAPPING, '--format', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, updated: 0, unchanged: 7 });
    expect(readFileSync(join(repo, OCTOBER), 'utf8')).toBe(written);
  });

  it('writes nothing on a dry run, and refuses a file that is neither', async () => {
    const repo = await repository();
    const dry = await runCliAsync(['import', 'jira', CSV_EXPORT, '--repo', repo, '--map', MAPPING, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run of importing .*\n(Lines: .*\n)?.*\nFiles: 1 to create, 0 to update, 0 unchanged\n {2}would create tickets\/2026\/2026-10\.yaml \(7 tickets\)\n/);
    expect(() => readFileSync(join(repo, OCTOBER))).toThrow();

    const broken = createTempTree({ 'broken.json': '{\n  "issues": [\n    { "key": "A-1", }\n  ]\n}\n' }, 'itsm-import-jira-broken-');
    trees.push(broken);
    const result = await runCliAsync(['import', 'jira', 'broken.json', '--repo', repo], { cwd: broken.root });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("itsm: broken.json:3:21: not valid JSON: Expected double-quoted property name\n");
  });
});
