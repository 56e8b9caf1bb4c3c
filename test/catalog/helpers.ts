import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { Repository } from '../../src/model/repository.js';
import { validateDocuments } from '../../src/validate/index.js';

/** One document, written compactly: kind, id, the optional metadata, and the spec as the YAML would hold it. */
export interface DocInput {
  kind: 'Calendar' | 'Service' | 'SLA' | 'Consumer';
  id: string;
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Record<string, unknown>;
}

/**
 * A repository from plain documents, run through `validateDocuments` like every repository the product reads: a test
 * repository with a validation error fails at once, naming the problem (warnings are allowed).
 */
export function repositoryOf(docs: readonly DocInput[], config: Record<string, unknown> = {}, organisation = { id: 'tiny', name: 'Tiny Org' }): Repository {
  const documents: RawDocument[] = [
    {
      file: 'itsm.yaml',
      index: 0,
      value: { apiVersion: 'itsm/v1', kind: 'Config', metadata: organisation, spec: { currency: 'EUR', timeZone: 'Europe/Berlin', ...config } },
    },
  ];
  for (const doc of docs) {
    const metadata: Record<string, unknown> = { id: doc.id };
    if (doc.name !== undefined) metadata.name = doc.name;
    if (doc.labels !== undefined) metadata.labels = doc.labels;
    if (doc.annotations !== undefined) metadata.annotations = doc.annotations;
    documents.push({ file: `${doc.kind.toLowerCase()}s/${doc.id}.yaml`, index: 0, value: { apiVersion: 'itsm/v1', kind: doc.kind, metadata, spec: doc.spec } });
  }
  const { repository, diagnostics } = validateDocuments(documents);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`test repository is not valid:\n${errors.map((d) => `${d.file} ${JSON.stringify(d.path)}: ${d.message}`).join('\n')}`);
  return repository;
}

const WEEKDAYS_9_17 = { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'], wednesday: ['09:00-17:00'], thursday: ['09:00-17:00'], friday: ['09:00-17:00'] };

/**
 * A small organisation that exercises every part of an entry: two categories of live services, one service in the
 * pipeline and one retired; an SLA on a business-hours calendar and an OLA on 24x7; internal contacts, costs and a
 * cost share; a dependency on the retired service. Targets are written out of order on purpose.
 */
export const TINY: DocInput[] = [
  {
    kind: 'Calendar',
    id: 'office',
    name: 'Berlin office',
    spec: {
      description: 'Weekdays in Berlin',
      timeZone: 'Europe/Berlin',
      hours: WEEKDAYS_9_17,
      holidays: [
        { date: '2026-12-26', name: 'Zweiter Weihnachtstag' },
        { date: '2026-12-25', name: 'Erster Weihnachtstag' },
      ],
      specialDays: [{ date: '2026-12-24', name: 'Heiligabend', hours: ['09:00-12:00'] }],
    },
  },
  {
    kind: 'SLA',
    id: 'standard',
    name: 'Standard',
    spec: {
      type: 'sla',
      parties: ['IT', 'Staff'],
      calendar: 'office',
      pauseOn: ['awaiting-customer', 'awaiting-vendor'],
      targets: [
        { type: 'request', priority: 'P3', response: { within: '1h30m', objective: 90 }, resolution: { within: '3bd', objective: 85 } },
        { type: 'incident', priority: 'P2', resolution: { within: '2bd', objective: 90 } },
        { type: 'incident', priority: 'P1', response: { within: '30m', objective: 95 }, resolution: { within: '4h', objective: 95 } },
      ],
      availability: { target: 99.5, window: 'month' },
      credits: [
        { below: 99, credit: 10 },
        { below: 99.5, credit: 5 },
      ],
    },
  },
  {
    kind: 'SLA',
    id: 'ops-ola',
    name: 'Operations OLA',
    spec: { type: 'ola', calendar: '24x7', targets: [{ type: 'incident', priority: 'P1', resolution: { within: '2h', objective: 99 } }] },
  },
  {
    kind: 'Service',
    id: 'mail',
    name: 'Mail',
    labels: { tier: 'gold' },
    annotations: { 'tiny/note': 'Renegotiate the licence in 2027.' },
    spec: {
      description: 'Mailboxes and calendars. See https://wiki.tiny.example/mail or write to help@tiny.example.',
      category: 'Communication',
      type: 'business',
      owner: 'Workplace',
      contacts: [
        { name: 'Ann Example', role: 'Service owner', email: 'ann@tiny.example' },
        { name: 'Mail on-call', role: 'Escalation', phone: '+49 30 1234', internal: true },
      ],
      lifecycle: 'live',
      criticality: 'high',
      supportHours: 'office',
      sla: 'standard',
      agreements: ['ops-ola'],
      dependsOn: ['net', 'old-fax'],
      offerings: [
        { id: 'mailbox', name: 'Shared mailbox', description: 'For a team.', fulfilment: '1bd', price: 5 },
        { id: 'alias', name: 'Alias', fulfilment: '4h' },
      ],
      pricing: { model: 'per-unit', unit: 'mailbox', rate: 6.5 },
      costs: [
        { item: 'Licences', amount: 100, per: 'month' },
        { item: 'Gateway', amount: '1200.5', per: 'year' },
      ],
      costShares: [{ service: 'net', percent: 10 }],
      links: [{ title: 'Mail guide', url: 'https://wiki.tiny.example/mail' }],
    },
  },
  {
    kind: 'Service',
    id: 'net',
    name: 'Network',
    spec: {
      description: 'Wired and wireless network.',
      category: 'Infrastructure',
      type: 'technical',
      owner: 'Network team',
      lifecycle: 'live',
      criticality: 'critical',
      offerings: [{ id: 'port', name: 'Activate a port', fulfilment: '8h', price: 0 }],
      pricing: { model: 'allocation', driver: 'headcount' },
      costs: [{ item: 'Circuits', amount: 900, per: 'month' }],
    },
  },
  {
    kind: 'Service',
    id: 'crm',
    name: 'CRM',
    spec: { description: 'Customer relationships, from 2027.', category: 'Business Apps', lifecycle: 'pipeline', dependsOn: ['mail'] },
  },
  {
    kind: 'Service',
    id: 'old-fax',
    name: 'Old fax',
    spec: { description: 'Fax machines.', category: 'Communication', owner: 'Workplace', lifecycle: 'retired', dependsOn: ['net'] },
  },
];
