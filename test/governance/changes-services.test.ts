import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { diffLines, repositoryOf, serviceYaml } from './changes-helpers.js';

const email = (lines: string[] = []) => serviceYaml('email', ['pricing: { model: per-unit, unit: mailbox, rate: 6.50 }', ...lines]);

describe('describeChanges: services', () => {
  it('says nothing when nothing changed, and when only the notation changed (6.5 and "6.50", 8h and PT8H)', () => {
    const base = { 'services/email.yaml': email(['offerings: [{ id: box, name: Box, fulfilment: 8h }]']) };
    expect(diffLines(base, base)).toEqual([]);
    const head = { 'services/email.yaml': serviceYaml('email', ['pricing: { model: per-unit, unit: mailbox, rate: "6.5" }', 'offerings: [{ id: box, name: Box, fulfilment: PT8H }]']) };
    expect(diffLines(base, head)).toEqual([]);
  });

  it('writes a new price version as a change of the future, money exact with its currency', () => {
    const head = { 'services/email.yaml': email(['versions: [{ from: 2027-01-01, pricing: { model: per-unit, unit: mailbox, rate: 7 } }]']) };
    const changes = describeChanges(repositoryOf({ 'services/email.yaml': email() }), repositoryOf(head));
    expect(changes.definitions).toEqual([
      {
        kind: 'Service',
        id: 'email',
        action: 'changed',
        file: 'services/email.yaml',
        document: 0,
        details: [
          {
            field: 'pricing',
            before: '6.50 USD per mailbox',
            after: '7.00 USD per mailbox',
            text: 'price 6.50 → 7.00 USD per mailbox from 2027-01-01',
            version: { from: '2027-01-01', change: 'added' },
          },
        ],
      },
    ]);
  });

  it('tells an edit of the undated price, an edit inside a version and a removed version apart', () => {
    const v = (rate: string) => `versions: [{ from: 2027-01-01, pricing: { model: per-unit, unit: mailbox, rate: ${rate} } }]`;
    const base = { 'services/email.yaml': email([v('7.00')]) };
    expect(diffLines(base, { 'services/email.yaml': serviceYaml('email', ['pricing: { model: per-unit, unit: mailbox, rate: 6.00 }', v('7.00')]) })).toEqual([
      'services/email.yaml  email: price 6.50 → 6.00 USD per mailbox',
    ]);
    expect(diffLines(base, { 'services/email.yaml': email([v('7.25')]) })).toEqual([
      'services/email.yaml  email: price 7.00 → 7.25 USD per mailbox in version from 2027-01-01',
    ]);
    expect(diffLines(base, { 'services/email.yaml': email() })).toEqual([
      'services/email.yaml  email: price 7.00 → 6.50 USD per mailbox from 2027-01-01 (version removed)',
    ]);
    expect(diffLines({ 'services/email.yaml': email() }, { 'services/email.yaml': email([v('6.50')]) })).toEqual([
      'services/email.yaml  email: version from 2027-01-01 added (changes nothing)',
    ]);
  });

  it('describes a change of pricing model, tiers and allocation in words', () => {
    const base = { 'services/s.yaml': serviceYaml('s', ['pricing: { model: fixed, amount: 100 }']) };
    expect(diffLines(base, { 'services/s.yaml': serviceYaml('s', ['pricing: { model: fixed, amount: 1250.5 }']) })).toEqual([
      'services/s.yaml  s: price 100.00 → 1,250.50 USD per month',
    ]);
    expect(diffLines(base, { 'services/s.yaml': serviceYaml('s', ['pricing: { model: usage, metric: gb, unit: GB, tiers: [{ upTo: 1000, rate: 0.1 }, { rate: 0.08 }] }']) })).toEqual([
      'services/s.yaml  s: pricing 100.00 USD per month → tiers 0.10 up to 1,000, 0.08 above USD per GB of gb',
    ]);
    expect(diffLines(base, { 'services/s.yaml': serviceYaml('s', ['pricing: { model: allocation, driver: headcount }']) })).toEqual([
      'services/s.yaml  s: pricing 100.00 USD per month → cost allocation by headcount',
    ]);
    expect(diffLines(base, { 'services/s.yaml': serviceYaml('s') })).toEqual(['services/s.yaml  s: pricing 100.00 USD per month removed']);
  });

  it('lists costs by item and cost shares by service', () => {
    const base = { 'services/s.yaml': serviceYaml('s', ['costs: [{ item: Licences, amount: 9400, per: month }, { item: Gateway, amount: 28000, per: year }]', 'costShares: [{ service: desk, percent: 10 }]']) };
    const head = { 'services/s.yaml': serviceYaml('s', ['costs: [{ item: Licences, amount: 9800, per: month }, { item: Hosting, amount: 1000, per: year }]', 'costShares: [{ service: desk, percent: 15 }, { service: net, percent: 5 }]']) };
    expect(diffLines(base, head)).toEqual([
      'services/s.yaml  s: cost Licences 9,400.00 USD per month → 9,800.00 USD per month',
      'services/s.yaml  s: cost Hosting 1,000.00 USD per year added',
      'services/s.yaml  s: cost Gateway 28,000.00 USD per year removed',
      'services/s.yaml  s: cost share of desk 10% → 15%',
      'services/s.yaml  s: cost share of net 5% added',
    ]);
  });

  it('says how many services depend on a retired one, and flags a new dependency on a retired service', () => {
    const base = {
      'services/erp.yaml': serviceYaml('erp'),
      'services/a.yaml': serviceYaml('a', ['dependsOn: [erp]']),
      'services/b.yaml': serviceYaml('b', ['dependsOn: [erp]']),
      'services/c.yaml': serviceYaml('c', ['dependsOn: [erp]']),
      'services/old.yaml': serviceYaml('old', ['lifecycle: retired', 'dependsOn: [erp]']),
    };
    const head = { ...base, 'services/erp.yaml': serviceYaml('erp', ['lifecycle: retired']), 'services/d.yaml': serviceYaml('d', ['dependsOn: [old]']) };
    expect(diffLines(base, head)).toEqual([
      'services/d.yaml  d: added (live)',
      'services/erp.yaml  erp: lifecycle live → retired; 3 services depend on it (a, b, c)',
    ]);
    const more = { ...base, 'services/a.yaml': serviceYaml('a', ['dependsOn: [erp, old]']) };
    expect(diffLines(base, more)).toEqual(['services/a.yaml  a: depends on old added (old is retired)']);
  });

  it('says who still names a removed service, and says nothing more when nobody does', () => {
    const base = {
      'services/dns.yaml': serviceYaml('dns'),
      'services/mail.yaml': serviceYaml('mail', ['dependsOn: [dns]']),
      'services/lone.yaml': serviceYaml('lone'),
      'consumers/f.yaml': 'apiVersion: itsm/v1\nkind: Consumer\nmetadata: { id: f }\nspec: { costCenter: C1, headcount: 1, subscriptions: [{ service: dns, from: 2026-01-01 }] }\n',
    };
    const { 'services/dns.yaml': _dns, 'services/lone.yaml': _lone, ...head } = base;
    expect(diffLines(base, head)).toEqual([
      'services/dns.yaml  dns: removed; still named by 2 definitions (consumer f, service mail)',
      'services/lone.yaml  lone: removed',
    ]);
  });

  it('describes a new service in one line: lifecycle, SLA, price', () => {
    expect(diffLines({}, { 'services/email.yaml': email(['sla: gold']) })).toEqual(['services/email.yaml  email: added (live, SLA gold, 6.50 USD per mailbox)']);
  });

  it('says a definition moved to another file, once, with its other changes', () => {
    const head = { 'catalog/email.yaml': email(['owner: Workplace']) };
    expect(diffLines({ 'services/email.yaml': email() }, head)).toEqual([
      'catalog/email.yaml  email: moved from services/email.yaml',
      'catalog/email.yaml  email: owner Workplace added',
    ]);
  });

  it('covers the catalogue fields: name, labels, description, category, type, criticality, support hours, SLA, agreements', () => {
    const base = { 'services/s.yaml': serviceYaml('s', ['type: business', 'criticality: high', 'sla: gold', 'agreements: [ola-a]']) };
    const head = {
      'services/s.yaml': serviceYaml('s', ['description: Another text', 'category: Office', 'type: technical', 'criticality: critical', 'supportHours: us', 'sla: silver', 'agreements: [ola-b]'])
        .replace('metadata: { id: s }', 'metadata: { id: s, name: The S, labels: { tier: gold } }'),
    };
    expect(diffLines(base, head)).toEqual([
      'services/s.yaml  s: name The S added',
      'services/s.yaml  s: label tier gold added',
      'services/s.yaml  s: description changed',
      'services/s.yaml  s: category IT → Office',
      'services/s.yaml  s: type business → technical',
      'services/s.yaml  s: criticality high → critical',
      'services/s.yaml  s: support hours 24x7 → us',
      'services/s.yaml  s: SLA gold → silver',
      'services/s.yaml  s: agreement ola-b added',
      'services/s.yaml  s: agreement ola-a removed',
    ]);
  });

  it('lists offerings, contacts and links as items', () => {
    const base = {
      'services/s.yaml': serviceYaml('s', [
        'contacts: [{ name: Ann, role: Owner }, { name: Bob }]',
        'offerings: [{ id: box, name: Box, fulfilment: 8h, price: 25 }, { id: old, name: Old, fulfilment: 1bd }]',
        'links: [{ title: Wiki, url: "https://a.example" }]',
      ]),
    };
    const head = {
      'services/s.yaml': serviceYaml('s', [
        'contacts: [{ name: Ann, role: Manager, internal: true }, { name: Cy }]',
        'offerings: [{ id: box, name: Box, fulfilment: 4h, price: 30 }, { id: new, name: New, fulfilment: 2bd }]',
        'links: [{ title: Wiki, url: "https://b.example" }]',
      ]),
    };
    expect(diffLines(base, head)).toEqual([
      'services/s.yaml  s: contact Ann role Owner → Manager',
      'services/s.yaml  s: contact Ann internal no → yes',
      'services/s.yaml  s: contact Cy added',
      'services/s.yaml  s: contact Bob removed',
      'services/s.yaml  s: offering box fulfilment 8h → 4h',
      'services/s.yaml  s: offering box price 25.00 USD → 30.00 USD',
      'services/s.yaml  s: offering new added (fulfilment 2bd)',
      'services/s.yaml  s: offering old removed',
      'services/s.yaml  s: link Wiki https://a.example → https://b.example',
    ]);
  });
});
