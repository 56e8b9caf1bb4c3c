import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/validate/index.js';
import { brief, calendar, config, service, sla } from './model-11-fixtures.js';

const rule = (id: string, documents: Parameters<typeof validateDocuments>[0]) => validateDocuments(documents).diagnostics.filter((d) => d.rule === id);
const target = (priority: string, within: string, metric: 'response' | 'resolution' = 'resolution', objective = 90) => ({ type: 'incident', priority, [metric]: { within, objective } });

describe('version-order', () => {
  it('each version starts after the latest one above it; the message names both dates and points at the earlier version', () => {
    const found = rule('version-order', [
      config(),
      sla('standard', {
        versions: [
          { from: '2026-07-01', warningThreshold: 80 },
          { from: '2026-03-01', warningThreshold: 70 }, // before the one above
          { from: '2026-05-01', warningThreshold: 60 }, // after the one above, but still before 2026-07-01
          { from: '2026-09-01', warningThreshold: 50 },
          { from: '2026-09-01', warningThreshold: 40 }, // the same day: overlapping
        ],
      }),
    ]);
    expect(found.map(brief)).toEqual([
      ['slas/standard.yaml', 'version-order', 'spec.versions.1.from', 'version from 2026-03-01 is earlier than the version above it (from 2026-07-01)'],
      ['slas/standard.yaml', 'version-order', 'spec.versions.2.from', 'version from 2026-05-01 is earlier than the version above it (from 2026-07-01)'],
      ['slas/standard.yaml', 'version-order', 'spec.versions.4.from', 'version from 2026-09-01 starts on the same day as the version above it, so the two overlap'],
    ]);
    expect(found.map((d) => d.related?.map((r) => r.path?.join('.')))).toEqual([['spec.versions.0.from'], ['spec.versions.0.from'], ['spec.versions.3.from']]);
    expect(found[2]?.hint).toBe('merge the two versions into one');
  });

  it('an agreement with its own from: no version may start on or before it', () => {
    const found = rule('version-order', [
      config(),
      sla('standard', { from: '2026-01-01', versions: [{ from: '2025-12-01', reopen: 'new-cycle' }, { from: '2026-01-01', reopen: 'resume' }, { from: '2026-02-01', warningThreshold: 80 }] }),
    ]);
    expect(found.map(brief)).toEqual([
      ['slas/standard.yaml', 'version-order', 'spec.versions.0.from', 'version from 2025-12-01 starts before the agreement itself (from 2026-01-01)'],
      ['slas/standard.yaml', 'version-order', 'spec.versions.1.from', 'version from 2026-01-01 starts on the same day as the agreement itself (from 2026-01-01)'],
    ]);
    expect(found[0]?.related?.map((r) => [r.path?.join('.'), r.message])).toEqual([['spec.from', 'the agreement is in force from 2026-01-01']]);
  });

  it('calendars and services: order and overlap only', () => {
    const hours = (from: string, end: string) => ({ from, hours: { monday: [`09:00-${end}`] } });
    const pricing = (from: string, amount: number) => ({ from, pricing: { model: 'fixed', amount } });
    const found = rule('version-order', [
      config(),
      calendar('office', { versions: [hours('2026-06-01', '16:00'), hours('2026-06-01', '15:00')] }),
      service('email', { pricing: { model: 'fixed', amount: 10 }, versions: [pricing('2026-06-01', 12), pricing('2026-01-01', 11)] }),
    ]);
    expect(found.map(brief)).toEqual([
      ['calendars/office.yaml', 'version-order', 'spec.versions.1.from', 'version from 2026-06-01 starts on the same day as the version above it, so the two overlap'],
      ['services/email.yaml', 'version-order', 'spec.versions.1.from', 'version from 2026-01-01 is earlier than the version above it (from 2026-06-01)'],
    ]);
  });
});

describe('version-unchanged', () => {
  it('an agreement version whose every term is already in force, targets merged by type, priority and metric', () => {
    const found = rule('version-unchanged', [
      config(),
      sla('standard', {
        pauseOn: ['awaiting-customer', 'on-hold'],
        targets: [{ type: 'incident', priority: 'P3', response: { within: '4h', objective: 90 }, resolution: { within: '8h', objective: 90 } }],
        versions: [
          { from: '2026-02-01', note: 'renewal' }, // names nothing
          { from: '2026-03-01', pauseOn: ['on-hold', 'awaiting-customer'], targets: [target('P3', '8h')] }, // same set, same resolution
          { from: '2026-04-01', targets: [target('P3', '4h', 'response', 95)] }, // a new objective: changes
          { from: '2026-05-01', targets: [target('P3', '4h', 'response', 95), target('P2', '4h')] }, // P2 is new: changes
          { from: '2026-06-01', availability: { target: 99.5, window: 'month' } }, // new term: changes
          { from: '2026-07-01', availability: { window: 'month', target: 99.5 } }, // key order means nothing
        ],
      }),
    ]);
    expect(found.map(brief)).toEqual([
      ['slas/standard.yaml', 'version-unchanged', 'spec.versions.0.from', 'version from 2026-02-01 changes nothing: it names no term, only its date'],
      ['slas/standard.yaml', 'version-unchanged', 'spec.versions.1.from', 'version from 2026-03-01 changes nothing: every term it names is already in force'],
      ['slas/standard.yaml', 'version-unchanged', 'spec.versions.5.from', 'version from 2026-07-01 changes nothing: every term it names is already in force'],
    ]);
    expect(found[0]?.severity).toBe('warning');
  });

  it('compares with the version just above, not with the base terms, and skips versions out of order', () => {
    const found = rule('version-unchanged', [
      config(),
      sla('standard', {
        warningThreshold: 75,
        versions: [
          { from: '2026-03-01', warningThreshold: 80 },
          { from: '2026-04-01', warningThreshold: 75 }, // back to the base value: a change
          { from: '2026-02-01', warningThreshold: 75 }, // out of order: version-order's, not this rule's
        ],
      }),
    ]);
    expect(found).toEqual([]);
  });

  it('a calendar version with the hours already in force (an absent day is an empty one), a service version with the same price', () => {
    const found = rule('version-unchanged', [
      config(),
      calendar('office', { hours: { monday: ['09:00-17:00'], sunday: [] }, versions: [{ from: '2026-06-01', hours: { monday: ['09:00-17:00'] } }, { from: '2026-07-01', hours: { monday: ['09:00-16:00'] } }] }),
      service('email', { pricing: { model: 'fixed', amount: 10 }, versions: [{ from: '2026-06-01', pricing: { model: 'fixed', amount: 10 } }, { from: '2026-07-01', pricing: { model: 'fixed', amount: 11 } }] }),
    ]);
    expect(found.map(brief)).toEqual([
      ['calendars/office.yaml', 'version-unchanged', 'spec.versions.0.from', 'version from 2026-06-01 changes nothing: its hours are the hours already in force'],
      ['services/email.yaml', 'version-unchanged', 'spec.versions.0.from', 'version from 2026-06-01 changes nothing: its pricing is the pricing already in force'],
    ]);
  });
});

describe('the existing rules see versions', () => {
  it('duplicate-target within a version; merging into the base targets is no duplicate', () => {
    const found = rule('duplicate-target', [config(), sla('standard', { versions: [{ from: '2026-07-01', targets: [target('P3', '4h'), target('P3', '6h')] }] })]);
    expect(found.map(brief)).toEqual([['slas/standard.yaml', 'duplicate-target', 'spec.versions.0.targets.1', 'a target for incident P3 is already defined in this version']]);
  });

  it('ambiguous-business-days: a version\'s target, a base target under a version\'s calendar, a calendar version with uneven days, a group\'s calendar', () => {
    const uneven = calendar('uneven', { hours: { monday: ['09:00-17:00'], friday: ['09:00-13:00'] } });
    const laterUneven = calendar('later-uneven', { hours: { monday: ['09:00-17:00'] }, versions: [{ from: '2026-06-01', hours: { monday: ['09:00-17:00'], friday: ['09:00-12:00'] } }] });
    const found = rule('ambiguous-business-days', [
      config(),
      uneven,
      laterUneven,
      calendar('even'),
      sla('a', { calendar: 'even', targets: [target('P3', '2bd')], versions: [{ from: '2026-07-01', calendar: 'uneven' }] }),
      sla('b', { calendar: 'uneven', targets: [target('P3', '8h')], versions: [{ from: '2026-07-01', targets: [target('P2', '1bd')] }] }),
      sla('c', { calendar: 'later-uneven', targets: [target('P3', '3bd')] }),
      sla('d', { group: 'desk', targets: [target('P3', '4bd')] }),
      { file: 'groups/desk.yaml', index: 0, value: { apiVersion: 'itsm/v1', kind: 'Group', metadata: { id: 'desk' }, spec: { calendar: 'uneven' } } },
    ]);
    expect(found.map(brief)).toEqual([
      ['slas/a.yaml', 'ambiguous-business-days', 'spec.targets.0.resolution.within', '"2bd" is ambiguous: the working days of calendar "uneven" differ in length'],
      ['slas/b.yaml', 'ambiguous-business-days', 'spec.versions.0.targets.0.resolution.within', '"1bd" is ambiguous: the working days of calendar "uneven" differ in length'],
      ['slas/c.yaml', 'ambiguous-business-days', 'spec.targets.0.resolution.within', '"3bd" is ambiguous: the working days of calendar "later-uneven" differ in length'],
      ['slas/d.yaml', 'ambiguous-business-days', 'spec.targets.0.resolution.within', '"4bd" is ambiguous: the working days of calendar "uneven" differ in length'],
    ]);
  });
});
