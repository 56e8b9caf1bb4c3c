import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/load/load-repository.js';
import { holidayFilePath } from '../../src/load/holiday-files.js';
import { loadFilesParallel } from '../../src/load/parallel.js';
import { openRepository } from '../../src/open-repository.js';
import { calendarLookup } from '../../src/sla/calendars.js';
import { configYaml, createTempTree } from '../helpers/temp-repo.js';
import { afterAll } from 'vitest';

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

const calendarYaml = (holidaysFrom: string, extra: string[] = []) =>
  [
    'apiVersion: itsm/v1',
    'kind: Calendar',
    'metadata: { id: office }',
    'spec:',
    '  timeZone: UTC',
    '  hours: { monday: ["09:00-17:00"], friday: ["09:00-17:00"] }',
    `  holidaysFrom: ${holidaysFrom}`,
    ...extra,
    '',
  ].join('\n');

const trees: Array<{ remove(): void }> = [];
afterAll(() => trees.forEach((t) => t.remove()));
const repo = (entries: Record<string, string>) => {
  const tree = createTempTree(entries, 'itsm-holiday-files-');
  trees.push(tree);
  return tree.root;
};

describe('holidayFilePath', () => {
  it('resolves from the calendar file’s folder and refuses paths that leave the repository', () => {
    expect(holidayFilePath('calendars/office.yaml', '../holidays/de.ics')).toBe('holidays/de.ics');
    expect(holidayFilePath('calendars/office.yaml', 'de.ics')).toBe('calendars/de.ics');
    expect(holidayFilePath('office.yaml', './a/../b.ics')).toBe('b.ics');
    expect(holidayFilePath('calendars/office.yaml', '../../de.ics')).toBeUndefined();
    expect(holidayFilePath('calendars/office.yaml', '/etc/holidays.ics')).toBeUndefined();
    expect(holidayFilePath('calendars/office.yaml', 'C:/holidays.ics')).toBeUndefined();
  });
});

describe('the loader reads the iCalendar files calendars name', () => {
  it('puts the holidays on the repository, where the clocks’ calendars find them', () => {
    const root = repo({ 'itsm.yaml': configYaml(), 'calendars/office.yaml': calendarYaml('../holidays/office.ics'), 'holidays/office.ics': ICS, 'holidays/other.ics': 'not read' });
    const opened = openRepository(root);
    expect(opened.diagnostics).toEqual([]);
    // Only the named file is read; the other .ics file is not data until a calendar names it.
    expect(opened.files).toEqual(['itsm.yaml', 'calendars/office.yaml', 'holidays/office.ics']);
    expect(opened.repository.holidayFiles.get('holidays/office.ics')?.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    // Friday 25 December 2026 is closed: 2026-12-25 is day 20812 since 1970-01-01.
    expect(calendarLookup(opened.repository)('office').calendar.holidays.get(20812)).toBe('Christmas Day');
  });

  it('gives the same files to the parallel loader (worker threads) as to the serial one', async () => {
    const root = repo({ 'itsm.yaml': configYaml(), 'calendars/office.yaml': calendarYaml('../holidays/office.ics'), 'holidays/office.ics': ICS });
    const serial = loadFiles(root);
    const parallel = await loadFilesParallel(root, { workers: 2, thresholdBytes: 0 });
    expect(parallel.holidayFiles).toEqual(serial.holidayFiles);
    expect(serial.holidayFiles.size).toBe(1);
  });

  it('reports a path outside the repository and an excluded file at holidaysFrom (unknown-file)', () => {
    const outside = openRepository(repo({ 'itsm.yaml': configYaml(), 'calendars/office.yaml': calendarYaml('../../elsewhere.ics') }));
    expect(outside.diagnostics.map((d) => [d.rule, d.file, d.line, d.column, d.message])).toEqual([
      ['unknown-file', 'calendars/office.yaml', 7, 17, '"holidaysFrom" leads outside the repository: "../../elsewhere.ics"'],
    ]);
    const excluded = openRepository(
      repo({ 'itsm.yaml': configYaml(['  exclude: ["holidays"]']), 'calendars/office.yaml': calendarYaml('../holidays/office.ics'), 'holidays/office.ics': ICS }),
    );
    expect(excluded.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['unknown-file', '"holidays/office.ics" is not read: it is excluded in itsm.yaml, hidden, or a link that leaves the repository'],
    ]);
  });
});

describe('calendarLookup with dated versions of the hours', () => {
  it('sizes a business day by the version in force on the local date (businessDayMsOn), keeping businessDayMs as the base', () => {
    const root = repo({
      'itsm.yaml': configYaml(),
      'calendars/office.yaml': calendarYaml('../holidays/office.ics', [
        '  versions:',
        '    - { from: 2026-07-01, hours: { monday: ["09:00-15:00"], friday: ["09:00-15:00"] } }',
      ]),
      'holidays/office.ics': ICS,
    });
    const opened = openRepository(root);
    expect(opened.diagnostics).toEqual([]);
    const office = calendarLookup(opened.repository)('office');
    expect(office.businessDayMs).toBe(8 * 3_600_000);
    expect(office.businessDayMsOn(Date.parse('2026-06-30T23:59:59Z'))).toBe(8 * 3_600_000);
    expect(office.businessDayMsOn(Date.parse('2026-07-01T00:00:00Z'))).toBe(6 * 3_600_000);
    expect(calendarLookup(opened.repository)('24x7').businessDayMsOn(0)).toBe(24 * 3_600_000);
  });
});
