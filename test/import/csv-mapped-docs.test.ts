import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { blockAfter, importDocs } from './csv-mapped-helpers.js';

const fixture = (path: string) => readFileSync(join(REPO_ROOT, 'test/fixtures/import', path), 'utf8');

describe('the examples of the Jira and CSV documentation are the tested fixtures', () => {
  const docs = importDocs();

  it('shows the Jira mapping file of the fixtures', () => {
    expect(blockAfter(docs, '### A mapping file for Jira', 'yaml')).toBe(fixture('jira/mapping.yaml'));
  });

  it('shows the mapping files of the CSV fixtures', () => {
    expect(blockAfter(docs, '### One row per ticket', 'yaml')).toBe(fixture('csv/helpdesk-tickets/mapping.yaml'));
    expect(blockAfter(docs, '### One row per update', 'yaml')).toBe(fixture('csv/audit-log/mapping.yaml'));
  });

  it('shows the first rows of the one-row-per-ticket fixture', () => {
    const rows = fixture('csv/helpdesk-tickets/tickets.csv').replace(/^\uFEFF/, '').split('\r\n');
    expect(blockAfter(docs, '### One row per ticket', 'text')).toBe(`${[rows[0], rows[1], rows[4]].join('\n')}\n`);
  });
});
