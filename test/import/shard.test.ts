import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { HEADER_PREFIX, hashOf, ownershipOf, withHeader } from '../../src/import/fingerprint.js';
import { renderDocuments, renderShard, scalar, shardPathOf, sortDocuments } from '../../src/import/shard.js';
import { parseYamlFile } from '../../src/load/parse-yaml.js';

/** Reads YAML as the repository loader does (YAML 1.2 core schema). */
const load = (text: string) => jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA });

const ticket = (id: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'itsm/v1',
  kind: 'Ticket',
  metadata: { id, labels: { 'itsm/source': 'servicenow' }, annotations: { 'servicenow/made_sla': 'true' } },
  spec: {
    type: 'incident',
    service: 'category-55',
    priority: 'P3',
    title: 'Category 55 / Subcategory 170',
    opened: '2016-02-29T01:16:00Z',
    timeline: [
      { at: '2016-02-29T08:53:00Z', status: 'resolved', actor: 'Updated by 642' },
      { at: '2016-03-05T12:00:00Z', status: 'closed', actor: 'Updated by 908' },
    ],
    ...extra,
  },
});

describe('shardPathOf', () => {
  it('is the month of opening in the organisation time zone', () => {
    expect(shardPathOf('2016-02-29T01:16:00Z', 'UTC')).toBe('tickets/2016/2016-02.yaml');
    // 1 March 01:30 UTC is still 29 February in São Paulo (−03:00).
    expect(shardPathOf('2016-03-01T01:30:00Z', 'America/Sao_Paulo')).toBe('tickets/2016/2016-02.yaml');
    expect(shardPathOf('2016-12-31T23:30:00Z', 'Europe/Berlin')).toBe('tickets/2017/2017-01.yaml');
  });
});

describe('renderShard', () => {
  it('writes block YAML with one timeline event per line, like examples/acme', () => {
    expect(renderDocuments([ticket('INC0000045')])).toBe(
      [
        '---',
        'apiVersion: itsm/v1',
        'kind: Ticket',
        'metadata:',
        '  id: INC0000045',
        '  labels:',
        '    itsm/source: servicenow',
        '  annotations:',
        '    servicenow/made_sla: "true"',
        'spec:',
        '  type: incident',
        '  service: category-55',
        '  priority: P3',
        '  title: Category 55 / Subcategory 170',
        '  opened: 2016-02-29T01:16:00Z',
        '  timeline:',
        '    - { at: 2016-02-29T08:53:00Z, status: resolved, actor: Updated by 642 }',
        '    - { at: 2016-03-05T12:00:00Z, status: closed, actor: Updated by 908 }',
        '',
      ].join('\n'),
    );
  });

  it('starts with the header whose hash covers the rest, and reads back as the same documents', () => {
    const docs = [ticket('INC2'), ticket('INC1', { related: ['PRB1', 'CHG2'], outage: { start: '2016-02-29T01:00:00Z', impact: 'down' } })];
    const text = renderShard(docs);
    expect(text.split('\n')[2]).toBe(`${HEADER_PREFIX}${hashOf(renderDocuments(docs))}`);
    expect(load(text)).toEqual(docs);
    const parsed = parseYamlFile('x.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents.map((d) => d.value)).toEqual(docs);
  });

  it('sorts tickets by id, after the documents of other kinds in their own order', () => {
    const other = { apiVersion: 'itsm/v1', kind: 'Service', metadata: { id: 'zz' }, spec: {} };
    const sorted = sortDocuments([ticket('INC0000137'), other, ticket('INC0000045'), ticket('INC0000062')]);
    expect(sorted.map((d) => (d.metadata as { id: string }).id)).toEqual(['zz', 'INC0000045', 'INC0000062', 'INC0000137']);
  });

  it('writes an empty list inside a list as `[]`, which reads back as one (a bare `-` would be null)', () => {
    const doc = { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id: 'INC1' }, spec: { lists: [[], [[]], ['x', []]] } };
    const text = renderDocuments([doc]);
    expect(text).toContain('  lists:\n    - []\n    -\n      - []\n    -\n      - x\n      - []\n');
    expect(load(text)).toEqual([doc]);
  });

  it('writes long events as blocks', () => {
    const note = 'x'.repeat(200);
    const text = renderDocuments([ticket('INC1', { timeline: [{ at: '2016-02-29T08:53:00Z', status: 'resolved', note }] })]);
    expect(text).toContain(`  timeline:\n    - at: 2016-02-29T08:53:00Z\n      status: resolved\n      note: ${note}\n`);
  });
});

describe('scalar', () => {
  it('quotes what YAML would read as another type or another string', () => {
    for (const s of ['true', 'False', 'null', '~', '12', '-1', '1.5', '1e3', '0x1F', '.inf', '', ' lead', 'trail ', 'a: b', 'a #b', '- x', '[x]', '{x}', 'x,y', '*x', '&x', '!x', '%x', '@x', '`x', "'x", '"x', 'a\nb', 'tab\there', '?', 'x:']) {
      expect(load(`v: ${scalar(s)}`)).toEqual([{ v: s }]);
      expect(load(`v: [${scalar(s)}]`)).toEqual([{ v: [s] }]);
      expect(load(`v: { k: ${scalar(s)} }`)).toEqual([{ v: { k: s } }]);
    }
    expect(scalar('Updated by 642')).toBe('Updated by 642');
    expect(scalar('2016-02-29T08:53:00Z')).toBe('2016-02-29T08:53:00Z');
    expect(scalar('1 - Critical')).toBe('1 - Critical');
    expect(scalar('true')).toBe('"true"');
  });

  it('escapes characters YAML does not allow in a stream', () => {
    for (const s of ['\u007f', 'a\u0080b', '\ufeffx', '\ud800', 'x\udc00', '\uffff', '😀 ok']) {
      expect(load(`v: ${scalar(s)}`)).toEqual([{ v: s }]);
    }
    expect(scalar('a\u0080b')).toBe('"a\\u0080b"');
  });

  it('reads back as the same string in block, flow sequence and flow mapping context (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(' ', ':', '#', ',', '-', '"', "'", '[', '{', '\\', '\n', '/', '.', '0', 'e', 'Z', 'é', '\u2028'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) }), (s) => {
        expect(load(`v: ${scalar(s)}`)).toEqual([{ v: s }]);
        expect(load(`v: [${scalar(s)}]`)).toEqual([{ v: [s] }]);
        expect(load(`v: { k: ${scalar(s)}, j: 1 }`)).toEqual([{ v: { k: s, j: 1 } }]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('ownershipOf: how the importer recognises its own, untouched files', () => {
  const body = renderDocuments([ticket('INC1')]);
  const file = withHeader(body);

  it('a file as written is pristine; any change after the hash line makes it edited', () => {
    expect(ownershipOf(file)).toBe('pristine');
    expect(ownershipOf(file.replace('status: closed', 'status: resolved'))).toBe('edited');
    expect(ownershipOf(`${file}# a comment\n`)).toBe('edited');
  });

  it('editing the comment lines above the hash changes nothing, and CRLF line ends are not an edit', () => {
    expect(ownershipOf(file.replace('Written by', 'Made by'))).toBe('pristine');
    expect(ownershipOf(file.replace(/\n/g, '\r\n'))).toBe('pristine');
  });

  it('a file without the header was not written by the importer; a broken hash line is not a header', () => {
    expect(ownershipOf(body)).toBe('foreign');
    expect(ownershipOf(file.replace(/sha256: [0-9a-f]{8}/, 'sha256: xyz'))).toBe('foreign');
    expect(ownershipOf('')).toBe('foreign');
  });
});
