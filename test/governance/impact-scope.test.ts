import { describe, expect, it } from 'vitest';
import { definitionDifferences } from '../../src/governance/impact/definitions.js';
import { measuredServices } from '../../src/governance/impact/scope.js';
import type { Repository } from '../../src/model/repository.js';
import { buildRepository, CALENDARS, targets, type RepositoryInput } from '../sla/helpers.js';

// Two services under their own agreements on their own calendars, and a consumer whose subscription to `b` names a
// third agreement: what each change can reach decides which tickets are measured at all.
function repo(edit: (input: RepositoryInput) => void = () => {}): Repository {
  const input: RepositoryInput = {
    calendars: { 'us-office': CALENDARS['us-office']!, 'de-office': CALENDARS['de-office']! },
    slas: {
      a: { calendar: 'us-office', targets: targets([['incident', 'P2', '1h', '8h']]) },
      b: { calendar: 'de-office', targets: targets([['incident', 'P2', '1h', '8h']]) },
      vip: { targets: targets([['incident', 'P2', '30m', '4h']]) },
    },
    services: { a: { sla: 'a' }, b: { sla: 'b' }, c: {} },
    consumers: [{ id: 'acme', subscriptions: [{ service: 'b', from: '2026-01-01', agreements: ['vip'] }] }, 'other'],
    tickets: [
      { id: 'T1', service: 'a', priority: 'P2', opened: '2026-10-01T14:00:00Z' },
      { id: 'T2', service: 'b', priority: 'P2', opened: '2026-10-01T14:00:00Z', consumer: 'acme' },
      { id: 'T3', service: 'c', priority: 'P2', opened: '2026-10-01T14:00:00Z', consumer: 'other' },
    ],
  };
  edit(input);
  return buildRepository(input);
}

const scope = (base: Repository, head: Repository) => measuredServices(base, head, definitionDifferences(base, head));

describe('measuredServices: only the tickets a change can reach are measured', () => {
  it('an agreement edited: the services whose tickets it measures', () => {
    expect(scope(repo(), repo((i) => (i.slas.a!.targets = targets([['incident', 'P2', '1h', '4h']]))))).toEqual(['a']);
  });

  it('an agreement a subscription names: the subscribed service', () => {
    expect(scope(repo(), repo((i) => (i.slas.vip!.targets = targets([['incident', 'P2', '30m', '2h']]))))).toEqual(['b']);
  });

  it('a calendar edited: the services of the agreements that run on it', () => {
    expect(scope(repo(), repo((i) => (i.calendars!['de-office'] = { ...CALENDARS['de-office']!, holidays: [{ date: '2026-12-24', name: 'Heiligabend' }] })))).toEqual(['b']);
  });

  it('a consumer edited: the services of its tickets', () => {
    expect(scope(repo(), repo((i) => (i.consumers = [{ id: 'acme', subscriptions: [{ service: 'b', from: '2026-01-01' }] }, { id: 'other', agreements: ['vip'] }])))).toEqual(['b', 'c']);
  });

  it('nothing the clocks read (a description): no ticket is measured', () => {
    expect(scope(repo(), repo((i) => (i.services.c = { description: 'Edited.' } as RepositoryInput['services'][string])))).toEqual([]);
  });

  it('the organisation’s time zone: every ticket', () => {
    expect(scope(repo(), repo((i) => (i.timeZone = 'Europe/Berlin')))).toBeUndefined();
  });

  it('identical definitions are identical whatever the tickets', () => {
    expect(definitionDifferences(repo(), repo((i) => (i.tickets = []))).identical).toBe(true);
    expect(definitionDifferences(repo(), repo((i) => (i.services.c = { sla: 'a' }))).identical).toBe(false);
  });
});
