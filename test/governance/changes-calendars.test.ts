import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { diffLines, docYaml, repositoryOf } from './changes-helpers.js';

const us = (lines: string[] = [], hours = 'hours: { monday: ["08:00-17:00"], friday: ["08:00-17:00"] }') => ({
  'calendars/us.yaml': docYaml('Calendar', 'us-business-hours', ['timeZone: America/New_York', hours, ...lines]),
});

describe('describeChanges: calendars', () => {
  it('says a holiday added in the words of the issue, and names, removals and special days by date', () => {
    const base = us(['holidays: [{ date: 2026-12-25, name: Christmas Day }, { date: 2026-07-03, name: July 4th }]', 'specialDays: [{ date: 2026-11-27, name: Half day, hours: ["08:00-12:00"] }]']);
    const head = us([
      'holidays: [{ date: 2026-12-24, name: Christmas Eve }, { date: 2026-12-25, name: Christmas }]',
      'specialDays: [{ date: 2026-11-27, name: Half day, hours: ["08:00-13:00"] }, { date: 2026-12-31, name: New Year Eve, hours: [] }]',
    ]);
    expect(diffLines(base, head)).toEqual([
      'calendars/us.yaml  us-business-hours: holiday 2026-12-24 added',
      'calendars/us.yaml  us-business-hours: holiday 2026-07-03 removed',
      'calendars/us.yaml  us-business-hours: holiday 2026-12-25 name Christmas Day → Christmas',
      'calendars/us.yaml  us-business-hours: special day 2026-11-27 hours 08:00-12:00 → 08:00-13:00',
      'calendars/us.yaml  us-business-hours: special day 2026-12-31 added (closed)',
    ]);
  });

  it('describes the weekly hours per day, and a dated version of them as the future', () => {
    const changed = us([], 'hours: { monday: ["08:00-12:00", "13:00-17:00"], friday: ["08:00-17:00"], saturday: ["09:00-12:00"] }');
    expect(diffLines(us(), changed)).toEqual([
      'calendars/us.yaml  us-business-hours: monday hours 08:00-17:00 → 08:00-12:00, 13:00-17:00',
      'calendars/us.yaml  us-business-hours: saturday hours closed → 09:00-12:00',
    ]);
    const summer = us(['versions: [{ from: 2026-07-01, hours: { monday: ["08:00-14:00"], friday: ["08:00-17:00"] } }]']);
    const changes = describeChanges(repositoryOf(us()), repositoryOf(summer));
    expect(changes.definitions[0]!.details).toEqual([
      {
        field: 'hours.monday',
        before: '08:00-17:00',
        after: '08:00-14:00',
        text: 'monday hours 08:00-17:00 → 08:00-14:00 from 2026-07-01',
        version: { from: '2026-07-01', change: 'added' },
      },
    ]);
  });

  it('counts the holidays of an iCalendar file, and lists a long run of dates as a count', () => {
    const files = { 'calendars/uk.yaml': docYaml('Calendar', 'uk', ['timeZone: Europe/London', 'hours: { monday: ["09:00-17:00"] }', 'holidaysFrom: ../holidays/uk.ics']) };
    const holidays = (dates: string[]) => new Map([['holidays/uk.ics', { holidays: dates.map((date) => ({ date, name: 'Bank holiday' })) }]]);
    const base = repositoryOf(files, holidays(['2026-05-04']));
    const one = repositoryOf(files, holidays(['2026-05-04', '2026-08-31']));
    expect(describeChanges(base, one).definitions[0]!.details.map((d) => d.text)).toEqual(['holiday 2026-08-31 added (from holidays/uk.ics)']);
    const many = Array.from({ length: 12 }, (_, i) => `2030-${String(i + 1).padStart(2, '0')}-01`);
    expect(describeChanges(base, repositoryOf(files, holidays(['2026-05-04', ...many]))).definitions[0]!.details.map((d) => d.text)).toEqual([
      '12 holidays added (2030-01-01 to 2030-12-01)',
    ]);
  });

  it('describes the time zone, a new calendar, and who still names a removed one', () => {
    const other = { 'calendars/us.yaml': us()['calendars/us.yaml']!.replace('America/New_York', 'America/Chicago') };
    expect(diffLines(us(), other)).toEqual(['calendars/us.yaml  us-business-hours: time zone America/New_York → America/Chicago']);
    expect(diffLines({}, us(['holidays: [{ date: 2026-12-25, name: Christmas Day }]']))).toEqual([
      'calendars/us.yaml  us-business-hours: added (America/New_York, 18h a week, 1 holiday)',
    ]);
    const named = { ...us(), 'groups/desk.yaml': docYaml('Group', 'desk', ['calendar: us-business-hours']) };
    expect(diffLines(named, { 'groups/desk.yaml': named['groups/desk.yaml'] })).toEqual([
      'calendars/us.yaml  us-business-hours: removed; still named by 1 definition (group desk)',
    ]);
  });
});
