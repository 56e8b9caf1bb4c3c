import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../src/open-repository.js';
import { buildChangeCalendar, buildChangeImpact, buildChangeReport, impactSubject } from '../../src/practices/change/index.js';
import { formatCalendarIcs, formatCalendarMarkdown, formatCalendarTable, formatImpactMarkdown, formatImpactTable, formatReportMarkdown, formatReportText } from '../../src/report/change/index.js';
import { displayWidth } from '../../src/report/terminal-text.js';
import { typeRisk } from '../../src/report/change/shared.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { markdownlintFindings } from '../catalog/lint.js';

const { repository } = openRepository(join(REPO_ROOT, 'test/fixtures/change/schedule'));
const DECEMBER = { label: '2026-12', from: Date.parse('2026-11-30T23:00:00Z'), to: Date.parse('2026-12-31T23:00:00Z') };

function impactOf(id: string) {
  const subject = impactSubject(repository, id);
  if ('error' in subject) throw new Error(subject.error);
  return buildChangeImpact(repository, subject, Date.parse('2026-12-03T09:00:00Z'));
}

describe('change calendar as iCalendar', () => {
  const text = formatCalendarIcs(buildChangeCalendar(repository, DECEMBER));
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));

  it('parses back: one event per change with a stable UID and UTC times, then the freeze as an all-day event', () => {
    expect(text.includes('\r\n')).toBe(true);
    expect(events.map((e) => e.uid)).toEqual(['CHG001@itsm-change', 'CHG002@itsm-change', 'CHG003@itsm-change', 'CHG004@itsm-change', 'CHG006@itsm-change', 'year-end@itsm-freeze']);
    const chg001 = events[0]!;
    expect(chg001.startDate.toJSDate().toISOString()).toBe('2026-12-05T21:00:00.000Z');
    expect(chg001.endDate.toJSDate().toISOString()).toBe('2026-12-06T01:00:00.000Z');
    expect(chg001.startDate.zone?.tzid).toBe('UTC');
    expect(chg001.summary).toBe('CHG001: Upgrade the database cluster to version 16');
    expect(chg001.description).toBe('Type: normal\nRisk: high\nServices: db\nStatus: closed');
    expect(chg001.component.getFirstProperty('categories')!.getValues()).toEqual(['Change', 'normal']);
    const freeze = events[5]!;
    expect(freeze.startDate.isDate).toBe(true);
    expect(freeze.startDate.toString()).toBe('2026-12-21');
    // DTEND of an all-day event is the day after the last (RFC 5545 §3.6.1): 2027-01-03 included → 2027-01-04.
    expect(freeze.endDate.toString()).toBe('2027-01-04');
    expect(freeze.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  it('stamps each change with its last revision, and sends a cancelled change as cancelled', () => {
    // CHG001's last timeline event: closed at 2026-12-06T06:00Z.
    expect(events[0]!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-12-06T06:00:00Z');
    expect(events.slice(0, 4).every((e) => e.component.getFirstPropertyValue('status') === null)).toBe(true);
    // CHG006 was cancelled on 2026-12-02T09:00Z; its window, 12 December, is in the schedule.
    const chg006 = events[4]!;
    expect(chg006.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(chg006.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-12-02T09:00:00Z');
  });

  it('gives the same bytes for the same schedule (no clock in DTSTAMP)', () => {
    expect(formatCalendarIcs(buildChangeCalendar(repository, DECEMBER))).toBe(text);
  });
});

describe('human formats', () => {
  it('the impact table fits the width it is given', () => {
    const text = formatImpactTable(impactOf('CHG001'), { width: 80 });
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(text).toContain('Consumers (headcount 155)');
    expect(text).toContain('web → api → db');
  });

  it('the impact markdown has one section per question and the budget figures', () => {
    const text = formatImpactMarkdown(impactOf('CHG001'));
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## Dependent services',
      '## Consumers (headcount 155)',
      '## Agreements and error budgets',
      '## Other changes in the window',
      '## Freezes crossed',
    ]);
    expect(text).toContain('|web|gold|2026-12|99.5%|223.05&nbsp;min|45&nbsp;min|178.05&nbsp;min|240&nbsp;min|');
    expect(text).toContain('None.');
  });

  it('every Markdown output passes markdownlint with its default rules', () => {
    const outputs = [
      formatImpactMarkdown(impactOf('CHG001')),
      formatImpactMarkdown(impactOf('CHG004')),
      formatImpactMarkdown(impactOf('api')),
      formatCalendarMarkdown(buildChangeCalendar(repository, DECEMBER)),
      formatReportMarkdown(buildChangeReport(repository, DECEMBER, Date.parse('2027-01-05T00:00:00Z'))),
    ];
    for (const markdown of outputs) expect(markdownlintFindings(markdown)).toEqual([]);
  });

  it('the calendar table and markdown list the changes in order and the freeze', () => {
    const calendar = buildChangeCalendar(repository, DECEMBER);
    const table = formatCalendarTable(calendar);
    expect(table.indexOf('CHG001')).toBeLessThan(table.indexOf('CHG004'));
    expect(table).toContain('2026-12-21 – 2027-01-03');
    // Local time in Berlin: 21:00Z is 22:00.
    expect(formatCalendarMarkdown(calendar)).toContain('|CHG001|2026-12-05&nbsp;22:00&nbsp;→&nbsp;2026-12-06&nbsp;02:00|normal/high|db|');
  });

  it('the report text and markdown show the rates with what they are made of', () => {
    const report = buildChangeReport(repository, DECEMBER, Date.parse('2027-01-05T00:00:00Z'));
    const text = formatReportText(report);
    expect(text).toContain('Change failure rate       50% (2 of 4)');
    expect(text).toContain('Time to restore (median)  180 min');
    expect(formatReportMarkdown(report)).toContain('|Change&nbsp;success&nbsp;rate|75%&nbsp;(3&nbsp;of&nbsp;4)|');
  });
});

describe('a change ticket without a change record', () => {
  it('shows "—" for its type and risk, never a placeholder', () => {
    expect(typeRisk({ type: null, risk: null })).toBe('—');
    expect(typeRisk({ type: 'normal', risk: 'high' })).toBe('normal/high');
  });
});
