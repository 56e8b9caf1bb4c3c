import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/index.js';
import { schemaFileName } from '../../src/schemas/json-schema.js';
import { createAjv, describeErrors, loadDocuments, validatorFor, zodAccepts } from './helpers.js';

const ajv = createAjv();
const validate = validatorFor(ajv);

/** One valid document of every kind, and some variants, written as a user would write them. */
const VALID = `
apiVersion: itsm/v1
kind: Config
metadata:
  id: acme
spec:
  currency: EUR
  timeZone: Europe/Berlin
  exclude: ["drafts/**"]
  priorities:
    - id: P1
      name: Critical
    - id: P2
  statuses:
    - id: new
      category: new
    - id: awaiting-customer
      name: Awaiting customer
      category: waiting
---
apiVersion: itsm/v1
kind: Calendar
metadata:
  id: de-business-hours
  name: Germany, business hours
  labels:
    region: emea
spec:
  description: Mon-Fri 8-17 in Berlin.
  timeZone: Europe/Berlin
  hours:
    monday: ["08:00-12:00", "13:00-17:00"]
    friday: ["08:00-14:00"]
    saturday: ["00:00-24:00"]
    sunday: []
  holidays:
    - date: 2026-12-25
      name: Christmas Day
  specialDays:
    - date: 2026-12-24
      name: Christmas Eve
      hours: ["08:00-12:00"]
---
apiVersion: itsm/v1
kind: Service
metadata:
  id: email
  annotations:
    itsm.dev/source: cmdb
spec:
  description: Corporate e-mail and calendars.
  category: Collaboration
  type: business
  owner: Workplace team
  contacts:
    - name: Jane Doe
      role: Service owner
      email: jane@example.com
      internal: true
  lifecycle: live
  criticality: high
  supportHours: de-business-hours
  sla: gold
  agreements: [ola-m365]
  dependsOn: [identity, dns]
  offerings:
    - id: shared-mailbox
      name: Shared mailbox
      fulfilment: 2bd
      price: "25.00"
  pricing:
    model: per-unit
    unit: mailbox
    tiers:
      - upTo: 100
        rate: 4.5
      - rate: "3.9"
  costs:
    - item: Licences
      amount: 12000
      per: year
  costShares:
    - service: service-desk
      percent: 20
  links:
    - title: Runbook
      url: https://wiki.example.com/email
---
apiVersion: itsm/v1
kind: Service
metadata:
  id: storage
spec:
  description: File storage.
  category: Infrastructure
  lifecycle: pipeline
  pricing: { model: usage, metric: gb-month, unit: GB, rate: 0.0125 }
---
apiVersion: itsm/v1
kind: Service
metadata:
  id: service-desk
spec:
  description: The single point of contact.
  category: Support
  lifecycle: live
  pricing: { model: allocation, driver: headcount }
  offerings:
    - { id: new-laptop, name: New laptop, fulfilment: PT4H }
---
apiVersion: itsm/v1
kind: Service
metadata:
  id: legacy-pbx
spec:
  description: Old telephony.
  category: Telephony
  lifecycle: retired
  pricing: { model: fixed, amount: 100 }
---
apiVersion: itsm/v1
kind: SLA
metadata:
  id: gold
spec:
  type: sla
  parties: [Acme Finance]
  calendar: de-business-hours
  pauseOn: [awaiting-customer]
  reopen: new-cycle
  warningThreshold: 75
  targets:
    - type: incident
      priority: P1
      response: { within: 30m, objective: 95 }
      resolution: { within: PT4H, objective: 90 }
    - type: request
      priority: P3
      resolution: { within: 1h30m, objective: 90 }
  availability:
    target: 99.9
    window: month
    degradedWeight: 0.5
    excludeMaintenance: true
  credits:
    - below: 99.9
      credit: 10
---
apiVersion: itsm/v1
kind: Consumer
metadata:
  id: finance
spec:
  costCenter: CC-4100
  headcount: 42
  contact: { name: Ann Smith, email: ann@example.com }
  subscriptions:
    - service: email
      units: 42
      from: 2026-01-01
    - service: storage
      from: 2026-01-01
      to: 2026-12-31
---
apiVersion: itsm/v1
kind: Group
metadata:
  id: service-desk
spec:
  calendar: us-hours
  parent: it
  manager: Ann Smith
  members:
    - { name: Bo Chen, email: bo@example.com }
---
apiVersion: itsm/v1
kind: Ticket
metadata:
  id: INC-1001
spec:
  type: incident
  service: email
  consumer: finance
  priority: P2
  title: Outlook cannot connect
  opened: 2026-10-05T14:02:00Z
  timeline:
    - at: 2026-10-05T14:10:00+02:00
      status: in-progress
      actor: jdoe
    - at: 2026-10-05T15:00:00.250Z
      note: Waiting on the vendor
    - at: 2026-10-05T16:00Z
      priority: P1
  outage: { start: 2026-10-05T14:00:00Z, end: 2026-10-05T15:30:00Z, impact: degraded }
  related: [PRB-12]
---
apiVersion: itsm/v1
kind: Ticket
metadata:
  id: CHG-7
spec:
  type: change
  service: email
  priority: P3
  title: Upgrade the mail gateway
  opened: 2026-10-01T09:00:00-04:00
  maintenance: { start: 2026-10-10T22:00:00Z, end: 2026-10-11T02:00:00Z }
  change:
    type: standard
    risk: low
    services: [storage]
    template: gateway-patch
    approvals:
      - { by: Ann Smith, decision: approved, at: 2026-10-02T09:00:00Z, group: cab }
    outcome: failed
    review: { at: 2026-10-12T09:00:00Z, by: Ann Smith, summary: The new gateway refused TLS 1.2 clients., problem: PRB-12 }
---
apiVersion: itsm/v1
kind: Ticket
metadata:
  id: PRB-12
spec:
  type: problem
  service: email
  priority: P3
  title: Mail gateway refuses old clients
  opened: 2026-10-12T09:00:00Z
  rootCause: TLS 1.2 ciphers removed by the upgrade.
  workaround: { description: Send through the backup relay., documented: 2026-10-12T10:00:00Z }
  fixedBy: CHG-7
---
apiVersion: itsm/v1
kind: ChangeTemplate
metadata:
  id: gateway-patch
spec:
  services: [email]
  risk: low
  implementation: Drain, patch, restore one gateway at a time.
  backout: Restore the gateway's snapshot.
  maxDuration: 4h
---
apiVersion: itsm/v1
kind: Article
metadata:
  id: KB-1
spec:
  title: Sending mail from old clients
  services: [email]
  problems: [PRB-12]
  audience: customer
  owner: Messaging team
  reviewBy: 2027-06-30
---
apiVersion: itsm/v1
kind: Improvement
metadata:
  id: CSI-7
spec:
  title: Faster P2 repairs on e-mail
  owner: Messaging team
  service: email
  metric: resolution-median
  priority: P2
  baseline: 480
  target: 240
  raised: 2026-09-01
  due: 2027-03-31
  status: open
---
apiVersion: itsm/v1
kind: Usage
metadata:
  id: usage-2026-10
spec:
  records:
    - { date: 2026-10-01, consumer: finance, service: storage, metric: gb-month, quantity: 120.5 }
    - { date: 2026-10-02, consumer: finance, service: storage, metric: gb-month, quantity: 0 }
`;

describe('the JSON Schemas', () => {
  it('compile in Ajv strict mode, every one of them', () => {
    for (const kind of KINDS) expect(typeof validatorFor(ajv, schemaFileName(kind))).toBe('function');
    expect(typeof validate).toBe('function');
  });

  const valid = loadDocuments(VALID);

  it('cover every kind with the inline documents', () => {
    expect(new Set(valid.map((d) => (d as { kind: string }).kind))).toEqual(new Set(KINDS));
  });

  it.each(valid.map((d) => [`${(d as { kind: string }).kind} ${(d as { metadata: { id: string } }).metadata.id}`, d]))(
    'accept the valid %s, as zod does',
    (_name, document) => {
      expect(zodAccepts(document)).toBe(true);
      expect(validate(document), describeErrors(validate.errors)).toBe(true);
      const kind = (document as { kind: (typeof KINDS)[number] }).kind;
      const byKind = validatorFor(ajv, schemaFileName(kind));
      expect(byKind(document), describeErrors(byKind.errors)).toBe(true);
    },
  );
});

/** Invalid documents: each must be refused by zod and by the JSON Schema, with an error at the same place. */
const INVALID: { name: string; yaml: string; at: string }[] = [
  {
    name: 'an unknown key',
    at: '/spec',
    yaml: 'kind: Service\nmetadata: { id: email }\nspec: { description: d, category: c, lifecycle: live, owners: [x] }',
  },
  {
    name: 'a naive local time',
    at: '/spec/opened',
    yaml: 'kind: Ticket\nmetadata: { id: INC-1 }\nspec: { type: incident, service: email, priority: P1, title: t, opened: "2026-10-05 14:02" }',
  },
  {
    name: 'a date not written YYYY-MM-DD',
    at: '/spec/holidays/0/date',
    yaml: 'kind: Calendar\nmetadata: { id: c }\nspec: { timeZone: UTC, hours: {}, holidays: [{ date: 25.12.2026, name: Christmas }] }',
  },
  {
    name: 'a time zone written as an offset',
    at: '/spec/timeZone',
    yaml: 'kind: Calendar\nmetadata: { id: c }\nspec: { timeZone: "+02:00", hours: {} }',
  },
  {
    name: 'a duration in plain days',
    at: '/spec/targets/0/resolution/within',
    yaml: 'kind: SLA\nmetadata: { id: s }\nspec: { type: sla, targets: [{ type: incident, priority: P1, resolution: { within: 1d, objective: 90 } }] }',
  },
  {
    name: 'an amount with five decimals',
    at: '/spec/costs/0/amount',
    yaml: 'kind: Service\nmetadata: { id: s }\nspec: { description: d, category: c, lifecycle: live, costs: [{ item: i, amount: "12.50001", per: month }] }',
  },
  {
    name: 'a negative amount',
    at: '/spec/costs/0/amount',
    yaml: 'kind: Service\nmetadata: { id: s }\nspec: { description: d, category: c, lifecycle: live, costs: [{ item: i, amount: -5, per: month }] }',
  },
  {
    name: 'a timeline event with neither status, priority nor note',
    at: '/spec/timeline/0',
    yaml: 'kind: Ticket\nmetadata: { id: INC-1 }\nspec: { type: incident, service: e, priority: P1, title: t, opened: 2026-10-05T14:02:00Z, timeline: [{ at: 2026-10-05T15:00:00Z }] }',
  },
  {
    name: 'an unknown kind',
    at: '/kind',
    yaml: 'kind: Widget\nmetadata: { id: w }\nspec: {}',
  },
  {
    name: 'another apiVersion',
    at: '/apiVersion',
    yaml: 'apiVersion: itsm/v2\nkind: Usage\nmetadata: { id: u }\nspec: { records: [] }',
  },
  {
    name: 'an id with a space',
    at: '/metadata/id',
    yaml: 'kind: Usage\nmetadata: { id: "my usage" }\nspec: { records: [] }',
  },
  {
    name: 'a value outside an enum',
    at: '/spec/lifecycle',
    yaml: 'kind: Service\nmetadata: { id: s }\nspec: { description: d, category: c, lifecycle: active }',
  },
  {
    name: 'a missing required field',
    at: '/spec',
    // Not the lifecycle or description: a Service may leave those to its Backstage Component (docs/catalog.md).
    yaml: 'kind: Service\nmetadata: { id: s }\nspec: { description: d, lifecycle: live }',
  },
];

describe('invalid documents', () => {
  it.each(INVALID)('are refused by zod and by the JSON Schema: $name', ({ yaml, at }) => {
    const text = yaml.startsWith('apiVersion:') ? yaml : `apiVersion: itsm/v1\n${yaml}`;
    const [document] = loadDocuments(text);
    expect(zodAccepts(document)).toBe(false);
    expect(validate(document)).toBe(false);
    // `if`/`then` on kind keeps the errors to the document's own kind, so they point at the offending value.
    expect(validate.errors?.map((e) => e.instancePath), describeErrors(validate.errors)).toContain(at);
  });

  it('are, where JSON Schema cannot tell, left to itsm validate', () => {
    // Documented limits: impossible dates and unknown zones match the patterns; zod (and itsm validate) refuse them.
    const gaps = [
      'kind: Calendar\nmetadata: { id: c }\nspec: { timeZone: UTC, hours: {}, holidays: [{ date: 2026-02-30, name: x }] }',
      'kind: Calendar\nmetadata: { id: c }\nspec: { timeZone: Mars/Olympus_Mons, hours: {} }',
      'kind: Ticket\nmetadata: { id: T }\nspec: { type: incident, service: e, priority: P1, title: t, opened: 2026-10-05T25:00:00Z }',
      'kind: SLA\nmetadata: { id: s }\nspec: { type: sla, targets: [{ type: incident, priority: P1, response: { within: 0m, objective: 90 } }] }',
    ];
    for (const yaml of gaps) {
      const [document] = loadDocuments(`apiVersion: itsm/v1\n${yaml}`);
      expect(zodAccepts(document)).toBe(false);
      expect(validate(document), describeErrors(validate.errors)).toBe(true);
    }
  });
});

const EXAMPLES = new URL('../../examples/', import.meta.url);

function exampleFiles(): string[] {
  try {
    return readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => name.replaceAll('\\', '/'))
      .sort();
  } catch {
    return [];
  }
}

describe('the examples', () => {
  const files = exampleFiles();
  it.runIf(files.length > 0).each(files)('examples/%s validates against itsm.schema.json', (file) => {
    const documents = loadDocuments(readFileSync(new URL(file, EXAMPLES), 'utf8'));
    documents.forEach((document, index) => {
      expect(validate(document), `examples/${file} document ${index}:\n${describeErrors(validate.errors)}`).toBe(true);
    });
  });
});
