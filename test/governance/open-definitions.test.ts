import { describe, expect, it } from 'vitest';
import { isTicketFileText, openDefinitions, readDefinitionFile, type DefinitionFile } from '../../src/open-definitions.js';
import { CONFIG, serviceYaml } from './changes-helpers.js';

const TICKET = 'apiVersion: itsm/v1\nkind: Ticket\nmetadata: { id: INC1 }\nspec: { type: incident, service: erp, priority: P2, title: Down, opened: 2026-11-01T09:00:00Z }\n';

describe('isTicketFileText: a file of tickets only is told from its text, never parsed', () => {
  it.each([
    ['one ticket', TICKET],
    ['with Windows line ends', TICKET.replace(/\n/g, '\r\n')],
    ['many, with comments and a quoted kind', `# tickets\n---\n${TICKET}---\n${TICKET.replace('kind: Ticket', 'kind: "Ticket" # an incident')}`],
  ])('%s: tickets', (_name, text) => {
    expect(isTicketFileText(text)).toBe(true);
  });

  it.each([
    ['a service', serviceYaml('erp')],
    ['a service with Windows line ends', `${TICKET}---\n${serviceYaml('erp')}`.replace(/\n/g, '\r\n')],
    ['tickets and a service', `${TICKET}---\n${serviceYaml('erp')}`],
    // A flow-style document hides its kind from the scan: the file is parsed, to be safe.
    ['tickets and a flow-style document', `${TICKET}---\n{ apiVersion: itsm/v1, kind: Service, metadata: { id: erp } }\n`],
    ['no kind at all', 'just: text\n'],
    ['an empty file', ''],
    // A kind nested under another key is not a document's kind.
    ['an indented kind only', 'spec:\n  kind: Ticket\n'],
  ])('%s: not tickets only', (_name, text) => {
    expect(isTicketFileText(text)).toBe(false);
  });
});

describe('openDefinitions', () => {
  const files = (entries: Record<string, string>): Map<string, DefinitionFile> =>
    new Map(Object.entries(entries).map(([path, text]) => [path, readDefinitionFile(path, Buffer.from(text))]));

  it('validates the definitions like the loader, leaves tickets out (in their own files or among definitions), and lists the files that count', () => {
    const opened = openDefinitions(
      files({ 'itsm.yaml': CONFIG, 'services/erp.yaml': serviceYaml('erp'), 'tickets/2026-11.yaml': TICKET, 'mixed.yaml': `${serviceYaml('crm')}---\n${TICKET}` }),
      '/nowhere',
    );
    expect(opened.repository.services.map((s) => s.doc.metadata.id)).toEqual(['crm', 'erp']);
    expect(opened.repository.tickets).toEqual([]);
    expect(opened.files).toEqual(['itsm.yaml', 'mixed.yaml', 'services/erp.yaml']);
    expect(opened.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('leaves out what itsm.yaml excludes, as the loader does', () => {
    const config = CONFIG.replace('spec: {', 'spec: { exclude: [drafts/**],');
    const opened = openDefinitions(files({ 'itsm.yaml': config, 'services/erp.yaml': serviceYaml('erp'), 'drafts/crm.yaml': serviceYaml('crm') }), '/nowhere');
    expect(opened.repository.services.map((s) => s.doc.metadata.id)).toEqual(['erp']);
    expect(opened.files).toEqual(['itsm.yaml', 'services/erp.yaml']);
  });

  it("reports a revision's errors (an unknown SLA) with the file they are in", () => {
    const opened = openDefinitions(files({ 'itsm.yaml': CONFIG, 'services/erp.yaml': serviceYaml('erp', ['sla: gold']) }), '/nowhere');
    expect(opened.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.rule}`)).toEqual(['services/erp.yaml unknown-reference']);
  });

  it('checks usage CSV rows once, when the file is read', () => {
    const file = readDefinitionFile('usage/2026-11.usage.csv', Buffer.from('date,consumer,service,metric,quantity\n2026-11-01,finance,erp,users,12\n'));
    expect(file.type).toBe('usage');
    if (file.type !== 'usage') return;
    expect(file.records.map((r) => r.doc)).toEqual([{ date: '2026-11-01', service: 'erp', metric: 'users', consumer: 'finance', quantity: 12 }]);
  });
});
