import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildValueMapping, mappingFileShape, readMappingFile, resolveReference, slugOf, type Vocabulary } from '../../src/import/mapping-file.js';
import { serviceNowDefaults } from '../../src/import/servicenow.js';
import { createTempTree } from '../helpers/temp-repo.js';
import { REPO_ROOT } from '../helpers/cli.js';

const tree = createTempTree(
  {
    'ok.yaml': [
      '# ServiceNow → our repository',
      'timeZone: America/Sao_Paulo',
      'dateFormats: ["D/M/YYYY H:mm"]',
      'statuses:',
      '  Awaiting Problem: awaiting-vendor',
      '  "-100": cancelled',
      'priorities:',
      '  "5 - Planning": P4',
      'service:',
      '  column: assignment_group',
      '  values:',
      '    Group 56: email',
      '  fallback: service-desk',
      'consumer:',
      '  column: location',
      '  values: { Location 143: finance }',
      '',
    ].join('\n'),
    'unknown-ids.yaml': ['statuses:', '  Active: in-progres', 'service:', '  fallback: servicedesk', ''].join('\n'),
    'bad-format.yaml': ['timeZone: CET', 'dateFormats: ["DD/MM/YY HH:mm"]', ''].join('\n'),
    'syntax.yaml': ['statuses:', '  Active: [in-progress', ''].join('\n'),
    'typos.yaml': ['timeZone: UTC', 'servise:', '  fallback: service-desk', ''].join('\n'),
    'two.yaml': ['timeZone: UTC', '---', 'timeZone: UTC', ''].join('\n'),
    'consumer-without-column.yaml': ['consumer:', '  fallback: finance', ''].join('\n'),
    'extended.yaml': ['timeZone: UTC', 'columns: { id: Key }', ''].join('\n'),
  },
  'itsm-mapping-',
);
afterAll(() => tree.remove());
const path = (name: string) => join(tree.root, name);

const vocabulary: Vocabulary = {
  statuses: new Set(['new', 'in-progress', 'on-hold', 'awaiting-customer', 'awaiting-vendor', 'resolved', 'closed', 'cancelled']),
  priorities: new Set(['P1', 'P2', 'P3', 'P4']),
  services: new Set(['email', 'service-desk', 'category-55']),
  consumers: new Set(['finance']),
};

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('readMappingFile', () => {
  it('reads a mapping file and points at any of its values', () => {
    const file = readMappingFile(path('ok.yaml'));
    expect(file.value.statuses).toEqual({ 'Awaiting Problem': 'awaiting-vendor', '-100': 'cancelled' });
    expect(file.locate(['service', 'values', 'Group 56'])).toBe(`${path('ok.yaml')}:12:15`);
  });

  it('reports schema problems as file:line:column, every one of them', () => {
    const message = usageMessage(() => readMappingFile(path('bad-format.yaml')));
    expect(message).toContain(`${path('bad-format.yaml')}:1:11: "timeZone" is not valid; expected an IANA time zone`);
    expect(message).toContain(`${path('bad-format.yaml')}:2:15: "dateFormats[0]" is not valid; "Y" is not a date letter`);
    expect(message).toMatch(/^the mapping file has 2 problems:/);
  });

  it('reports unknown fields at their key', () => {
    expect(usageMessage(() => readMappingFile(path('typos.yaml')))).toBe(
      `the mapping file has a problem:\n  ${path('typos.yaml')}:2:1: unknown field "servise" in the document (check the spelling against docs/import.md; fields are case-sensitive)`,
    );
  });

  it('reports YAML syntax errors, several documents and a missing file', () => {
    expect(usageMessage(() => readMappingFile(path('syntax.yaml')))).toContain(`${path('syntax.yaml')}:3:1: Flow sequence in block collection`);
    expect(usageMessage(() => readMappingFile(path('two.yaml')))).toMatch(/must hold one YAML mapping .* it holds 2 documents/);
    expect(usageMessage(() => readMappingFile(path('missing.yaml')))).toBe(`--map: cannot read ${path('missing.yaml')} (ENOENT)`);
  });

  it('takes an extended schema, so that other importers can add their own fields', () => {
    const Extended = z.strictObject({ ...mappingFileShape, columns: z.strictObject({ id: z.string() }) });
    expect(readMappingFile(path('extended.yaml'), Extended).value.columns).toEqual({ id: 'Key' });
    expect(usageMessage(() => readMappingFile(path('extended.yaml')))).toContain('unknown field "columns"');
  });
});

describe('buildValueMapping', () => {
  it('lays the file over the defaults entry by entry, then --time-zone over both', () => {
    const mapping = buildValueMapping(serviceNowDefaults('UTC'), vocabulary, { file: readMappingFile(path('ok.yaml')), timeZone: 'Europe/Lisbon' });
    expect(mapping.statuses).toMatchObject({ New: 'new', Active: 'in-progress', 'Awaiting Problem': 'awaiting-vendor', '-100': 'cancelled' });
    expect(mapping.priorities).toMatchObject({ '1 - Critical': 'P1', '5 - Planning': 'P4' });
    expect(mapping.service).toEqual({ column: 'assignment_group', values: { 'Group 56': 'email' }, fallback: 'service-desk' });
    expect(mapping.consumer).toEqual({ column: 'location', values: { 'Location 143': 'finance' } });
    expect(mapping.timeZone).toBe('Europe/Lisbon');
    expect(mapping.dateFormats).toEqual(['D/M/YYYY H:mm']);
  });

  it('without a file, is the defaults', () => {
    expect(buildValueMapping(serviceNowDefaults('Asia/Kolkata'), vocabulary)).toEqual(serviceNowDefaults('Asia/Kolkata'));
  });

  it('refuses ids the repository does not have, at their line', () => {
    expect(usageMessage(() => buildValueMapping(serviceNowDefaults('UTC'), vocabulary, { file: readMappingFile(path('unknown-ids.yaml')) }))).toBe(
      [
        'the mapping file names ids the repository does not have:',
        `  ${path('unknown-ids.yaml')}:2:11: status "in-progres" (for "Active") does not exist in the repository`,
        `  ${path('unknown-ids.yaml')}:4:13: service "servicedesk" does not exist in the repository`,
      ].join('\n'),
    );
    const file = readMappingFile(path('ok.yaml'));
    const narrow: Vocabulary = { ...vocabulary, consumers: new Set() };
    expect(usageMessage(() => buildValueMapping(serviceNowDefaults('UTC'), narrow, { file }))).toBe(
      `the mapping file names an id the repository does not have:\n  ${path('ok.yaml')}:16:27: consumer "finance" (for "Location 143") does not exist in the repository`,
    );
  });

  it('drops defaults that name a status the repository does not have (their rows are then reported as unknown)', () => {
    const custom: Vocabulary = { ...vocabulary, statuses: new Set(['new', 'in-progress', 'resolved', 'closed']) };
    const mapping = buildValueMapping(serviceNowDefaults('UTC'), custom);
    expect(mapping.statuses).toEqual({
      New: 'new',
      Active: 'in-progress',
      'In Progress': 'in-progress',
      Resolved: 'resolved',
      Closed: 'closed',
      // change_request and problem states (#14), but Pending Change, whose on-hold the repository lacks
      Assess: 'new',
      Authorize: 'new',
      Scheduled: 'new',
      Implement: 'in-progress',
      Review: 'resolved',
      'Root Cause Analysis': 'in-progress',
      'Fix in Progress': 'in-progress',
      Open: 'in-progress',
      'Known Error': 'in-progress',
    });
  });

  it('needs a column to read a consumer from', () => {
    expect(usageMessage(() => buildValueMapping(serviceNowDefaults('UTC'), vocabulary, { file: readMappingFile(path('consumer-without-column.yaml')) }))).toMatch(
      /consumer-without-column\.yaml:2:3: "consumer" needs a "column"/,
    );
  });

  it('the committed fixture mapping files read as documented', () => {
    const file = readMappingFile(join(REPO_ROOT, 'test/fixtures/import/servicenow/mapping.yaml'));
    expect(file.value).toEqual({ timeZone: 'UTC', service: { column: 'category', fallback: 'unclassified' } });
  });
});

describe('resolveReference', () => {
  const reference = { values: { 'Category 9': 'email' }, fallback: 'service-desk' };
  const known = new Set(['email', 'service-desk', 'category-55', 'Network']);

  it('takes the mapping first, then the value as an id (as written or as a slug), then the fallback', () => {
    expect(resolveReference('Category 9', reference, known)).toEqual({ id: 'email', via: 'mapped' });
    expect(resolveReference('Network', reference, known)).toEqual({ id: 'Network', via: 'same' });
    expect(resolveReference('Category 55', reference, known)).toEqual({ id: 'category-55', via: 'same' });
    expect(resolveReference('Category 56', reference, known)).toEqual({ id: 'service-desk', via: 'fallback' });
    expect(resolveReference(undefined, reference, known)).toEqual({ id: 'service-desk', via: 'fallback' });
    expect(resolveReference('Category 56', { values: {} }, known)).toBeUndefined();
  });

  it('slugs values into ids', () => {
    expect(slugOf('Category 55')).toBe('category-55');
    expect(slugOf('  Service Desk / EMEA ')).toBe('service-desk-emea');
    expect(slugOf('Zürich Büro')).toBe('zurich-buro');
    expect(slugOf('?')).toBe('');
  });
});
