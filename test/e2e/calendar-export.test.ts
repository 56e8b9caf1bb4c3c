import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../src/open-repository.js';
import { calendarLookup } from '../../src/sla/calendars.js';
import { businessTimeBetween, startOfLocalDay, addLocalDays } from '../../src/time/index.js';
import { dayNumberOf } from '../../src/time/zone.js';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const FIXTURE = 'test/fixtures/calendar/saxony';
const scratch = scratchFolders('itsm-calendar-export-');

describe('itsm calendar export', () => {
  it('lists a year of holidays and special days as JSON: the file’s, the document’s, and the document winning a shared date', () => {
    const { stdout, stderr, status } = runCli(['calendar', 'export', 'dresden', FIXTURE, '--format', 'json', '--from', '2026', '--to', '2026']);
    expect({ stderr, status }).toEqual({ stderr: '', status: 0 });
    const holiday = (date: string, name: string, source = 'file') => ({ date, name, kind: 'holiday', source });
    expect(JSON.parse(stdout)).toEqual({
      version: 1,
      id: 'dresden',
      name: 'Dresden office',
      timeZone: 'Europe/Berlin',
      holidaysFrom: 'holidays/de-sn.ics',
      years: { first: 2026, last: 2026 },
      days: [
        holiday('2026-01-01', 'Neujahr'),
        holiday('2026-04-03', 'Karfreitag'),
        holiday('2026-04-06', 'Ostermontag'),
        holiday('2026-05-01', 'Tag der Arbeit'),
        holiday('2026-05-14', 'Christi Himmelfahrt'),
        holiday('2026-05-25', 'Pfingstmontag'),
        holiday('2026-10-03', 'Tag der Deutschen Einheit'),
        holiday('2026-10-31', 'Reformationsfest'),
        holiday('2026-11-18', 'Buß- und Bettag'),
        { date: '2026-12-24', name: 'Heiligabend (half day)', kind: 'special-day', hours: ['08:00-12:00'], source: 'calendar' },
        holiday('2026-12-25', '1. Weihnachtstag'),
        holiday('2026-12-26', '2. Weihnachtstag'),
        holiday('2026-12-31', 'Company day', 'calendar'),
      ],
    });
  });

  it('writes iCalendar with CRLF line ends, stable UIDs and the same bytes every time', () => {
    const first = runCli(['calendar', 'export', 'dresden', FIXTURE, '--from', '2027', '--to', '2027']);
    const second = runCli(['calendar', 'export', 'dresden', FIXTURE, '--from', '2027', '--to', '2027']);
    expect({ stderr: first.stderr, status: first.status }).toEqual({ stderr: '', status: 0 });
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.split('\r\n').slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'PRODID:-//itsm//calendar export//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:Dresden office']);
    expect(first.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    expect(first.stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // 2027: eleven public holidays, one of them (31 October) named by the document, and Christmas Eve closed.
    expect(first.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(12);
    expect(first.stdout).toContain(
      ['UID:dresden-2027-10-31@itsm', 'DTSTAMP:20271031T000000Z', 'DTSTART;VALUE=DATE:20271031', 'DTEND;VALUE=DATE:20271101', 'SUMMARY:Reformationstag'].join('\r\n'),
    );
    expect(first.stdout).toContain(['UID:dresden-2027-12-24@itsm', 'DTSTAMP:20271224T000000Z', 'DTSTART;VALUE=DATE:20271224', 'DTEND;VALUE=DATE:20271225', 'SUMMARY:Heiligabend (closed)', 'CATEGORIES:Holiday'].join('\r\n'));
  });

  it('round trip: a calendar that takes its holidays from the export has the same holidays and business time on every day', () => {
    const root = scratch.copyOf(FIXTURE);
    // Default range: 2025 (the file's first year) to 2028 (its last).
    const exported = runCli(['calendar', 'export', 'dresden', root, '--out', join(root, 'holidays', 'exported.ics')]);
    expect(exported).toEqual({ stdout: '', stderr: '', status: 0 });
    // The copy has the same hours and keeps the special day with hours in its own document; every closed day
    // comes from the exported file.
    writeFileSync(
      join(root, 'calendars', 'copy.yaml'),
      [
        'apiVersion: itsm/v1',
        'kind: Calendar',
        'metadata: { id: copy }',
        'spec:',
        '  timeZone: Europe/Berlin',
        '  hours:',
        ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => `    ${day}: ["08:00-16:00"]`),
        '  holidaysFrom: ../holidays/exported.ics',
        '  specialDays:',
        '    - { date: 2026-12-24, name: Heiligabend (half day), hours: ["08:00-12:00"] }',
        '',
      ].join('\n'),
    );
    const opened = openRepository(root);
    expect(opened.diagnostics).toEqual([]);
    const lookup = calendarLookup(opened.repository);
    const original = lookup('dresden').calendar;
    const copy = lookup('copy').calendar;
    // The same closed days with the same names; the closed special day 2027-12-24 is a holiday in the export.
    const within = (holidays: ReadonlyMap<number, string>) =>
      new Map([...holidays].filter(([day]) => day >= dayNumberOf('2025-01-01') && day <= dayNumberOf('2028-12-31')));
    const closed = new Map(original.holidays);
    closed.set(dayNumberOf('2027-12-24'), 'Heiligabend (closed)');
    expect(within(copy.holidays)).toEqual(within(closed));
    let date = '2025-01-01';
    let total = 0;
    while (date <= '2028-12-31') {
      const next = addLocalDays(date, 1);
      const [from, to] = [startOfLocalDay('Europe/Berlin', date), startOfLocalDay('Europe/Berlin', next)];
      const hours = businessTimeBetween(original, from, to);
      expect(businessTimeBetween(copy, from, to), date).toBe(hours);
      total += hours;
      date = next;
    }
    // By hand, 8h a working day:
    // 2025 (starts Wed): 261 weekdays, all 11 holidays on weekdays → 250 × 8 = 2,000h.
    // 2026 (starts Thu): 261 weekdays, 8 holidays on weekdays and the company day 31 Dec → 252 × 8 = 2,016h, less 4h
    //   for the half day on 24 Dec = 2,012h.
    // 2027 (starts Fri): 261 weekdays; on weekdays: Neujahr, Karfreitag, Ostermontag, Himmelfahrt, Pfingstmontag,
    //   Buß- und Bettag and the closed 24 Dec (1 May, 3 and 31 Oct, 25 and 26 Dec are weekend days) → 254 × 8 = 2,032h.
    // 2028 (leap year, starts Sat): 260 weekdays; 10 holidays on weekdays (1 Jan is a Saturday) → 250 × 8 = 2,000h.
    expect(total).toBe(8044 * 3_600_000);
  });

  it('refuses an unknown calendar and a malformed year with one line on stderr (exit 2)', () => {
    const unknown = runCli(['calendar', 'export', 'berlin', FIXTURE]);
    expect(unknown).toEqual({ stdout: '', stderr: 'itsm: no calendar "berlin" in the repository; its calendars: dresden, 24x7\n', status: 2 });
    const year = runCli(['calendar', 'export', 'dresden', FIXTURE, '--from', '26', '--to', '2027']);
    expect(year).toEqual({ stdout: '', stderr: 'itsm: --from: expected a year written YYYY (e.g. 2026) but found "26"\n', status: 2 });
  });

  it('does not replace an --out file without --force', () => {
    const root = scratch.copyOf(FIXTURE);
    const out = join(root, 'holidays', 'de-sn.ics');
    const before = readFileSync(out, 'utf8');
    const refused = runCli(['calendar', 'export', 'dresden', root, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`itsm: ${out} already exists; use --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });
});
