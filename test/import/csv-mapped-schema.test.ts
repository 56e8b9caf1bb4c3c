import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { planMappedCsv } from '../../src/import/csv-mapped.js';
import { CsvMappingFile, JiraMappingFile } from '../../src/import/csv-mapped-schema.js';
import { readMappingFile } from '../../src/import/mapping-file.js';
import { planJira } from '../../src/import/jira.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { createTempTree, type TempTree } from '../helpers/temp-repo.js';
import { testContext } from './csv-mapped-helpers.js';

const trees: TempTree[] = [];
afterAll(() => trees.forEach((t) => t.remove()));

/** Writes `text` as a mapping file and returns what reading it with `schema` throws, or the file. */
function mappingText(text: string) {
  const tree = createTempTree({ 'mapping.yaml': text }, 'itsm-csv-mapping-');
  trees.push(tree);
  return join(tree.root, 'mapping.yaml');
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const MINIMAL = ['columns:', '  id: Ticket', '  title: Subject', '  opened: Created', '  priority: Priority', 'service:', '  column: Category', ''];

describe('the CSV mapping file', () => {
  it('reports every schema problem of the bad-mapping fixture at its line and column', () => {
    const file = join(REPO_ROOT, 'test/fixtures/import/csv/bad-mapping/mapping.yaml');
    const message = errorOf(() => readMappingFile(file, CsvMappingFile));
    const lines = message.split('\n').map((l) => l.trim().replace(file, 'mapping.yaml'));
    // The last line's hint is the shared reader's wording (mapping-file.ts); only its position and subject are ours.
    expect(lines.pop()).toMatch(/^mapping\.yaml:3:3: unknown field "titel" in "columns"/);
    expect(lines).toEqual([
      'the mapping file has 5 problems:',
      'mapping.yaml:6:11: "timeZone" is not valid; expected an IANA time zone such as "America/New_York", "Europe/Berlin" or "UTC"',
      'mapping.yaml:7:15: "dateFormats[0]" is not valid; "Y" is not a date letter (use YYYY, M, D, H, h, m, s, S, A, Z, or [Y] for the letter itself)',
      'mapping.yaml:9:12: "types.Störung" is not valid; expected one of incident, request, problem, change',
      'mapping.yaml:2:3: "columns.title" is required (a string)',
    ]);
  });

  it('reads the minimal mapping: id, title, opened, priority and the service column', () => {
    const file = readMappingFile(mappingText(MINIMAL.join('\n')), CsvMappingFile);
    expect(file.value).toEqual({ columns: { id: 'Ticket', title: 'Subject', opened: 'Created', priority: 'Priority' }, service: { column: 'Category' } });
  });

  it('asks for what a ticket cannot do without', () => {
    const path = mappingText(['columns:', '  id: Ticket', '  title: Subject', '  actor: Agent', 'consumer:', '  values: { Sales: sales }', ''].join('\n'));
    const lines = errorOf(() => readMappingFile(path, CsvMappingFile)).split('\n').slice(1).map((l) => l.trim().replace(path, 'mapping.yaml'));
    expect(lines).toEqual([
      'mapping.yaml:2:3: "columns" is not valid; name the "opened" column (or, for one row per update, the "updated" column)',
      'mapping.yaml:2:3: "columns" is not valid; name the "priority" column, or give defaults.priority for every ticket',
      'mapping.yaml:1:1: "(document)" is not valid; name the service column (service.column), or give service.fallback for every ticket',
      'mapping.yaml:6:3: "consumer" is not valid; name the consumer column (consumer.column)',
      'mapping.yaml:4:10: "columns.actor" is not valid; "actor" needs the one-row-per-update layout: name the "updated" column too',
    ]);
  });

  it('refuses ids the repository does not have, at their line', () => {
    const path = mappingText([...MINIMAL, 'priorities:', '  Hoch: P9', 'defaults:', '  priority: P0', ''].join('\n'));
    const file = readMappingFile(path, CsvMappingFile);
    expect(errorOf(() => planMappedCsv(file, testContext())).replace(path, 'mapping.yaml')).toBe(
      'the mapping file names an id the repository does not have:\n  mapping.yaml:10:9: priority "P9" (for "Hoch") does not exist in the repository',
    );
    const fixed = readMappingFile(mappingText([...MINIMAL, 'defaults:', '  priority: P0', ''].join('\n')), CsvMappingFile);
    expect(errorOf(() => planMappedCsv(fixed, testContext()))).toMatch(/mapping\.yaml:10:13: priority "P0" does not exist in the repository$/);
  });

  it('takes a mapping for Jira without columns, and refuses the CSV-only fields there', () => {
    const ok = readMappingFile(mappingText(['types:', '  Bug: incident', 'service:', '  column: Organizations', '  fallback: service-desk', ''].join('\n')), JiraMappingFile);
    expect(planJira(ok, testContext()).json.serviceColumn).toBe('Organizations');
    const path = mappingText(['columns:', '  id: Key', ''].join('\n'));
    expect(errorOf(() => readMappingFile(path, JiraMappingFile))).toContain('unknown field "columns"');
  });
});
