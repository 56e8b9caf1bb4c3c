import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { WEEKDAYS, type WeeklyHours } from '../../model/index.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** "08:00-12:00" → [480, 720]. The schema has already checked the shape. */
export function parseInterval(text: string): [number, number] {
  const [from, to] = text.split('-') as [string, string];
  return [minutesOf(from), minutesOf(to)];
}

/**
 * Working intervals must be well formed (start before end) and must not overlap: an overlap would either count
 * twice or hide a typo, and either way the business-time figures would be wrong. A calendar with no working time at
 * all would make every target unreachable, so it is refused too. The hours of each dated version are checked like the
 * base hours.
 */
export const calendarIntervals: Rule = {
  id: 'calendar-hours',
  description: 'A calendar has a malformed or overlapping working interval, a date listed twice, or no working time at all.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.calendars) {
      const spec = doc.spec;
      const checkDay = (intervals: readonly string[], path: (string | number)[]) => {
        const parsed = intervals.map((text, i) => ({ i, text, range: parseInterval(text) }));
        for (const p of parsed) {
          if (p.range[1] <= p.range[0]) {
            diagnostics.push(diagnosticAt(source, [...path, p.i], 'calendar-hours', 'error', `working interval "${p.text}" ends before it starts`, {
              hint: 'an interval cannot cross midnight; split it into "22:00-24:00" and "00:00-06:00" on the next day',
            }));
          }
        }
        const valid = parsed.filter((p) => p.range[1] > p.range[0]).sort((a, b) => a.range[0] - b.range[0]);
        for (let k = 1; k < valid.length; k++) {
          const prev = valid[k - 1]!;
          const cur = valid[k]!;
          if (cur.range[0] < prev.range[1]) {
            diagnostics.push(
              diagnosticAt(source, [...path, cur.i], 'calendar-hours', 'error', `working interval "${cur.text}" overlaps "${prev.text}"`, {
                related: [relatedAt(source, [...path, prev.i], 'overlapping interval')],
              }),
            );
          }
        }
        return valid.reduce((sum, p) => sum + p.range[1] - p.range[0], 0);
      };
      const checkWeek = (hours: WeeklyHours, path: (string | number)[], what: string) => {
        let weeklyMinutes = 0;
        for (const day of WEEKDAYS) {
          const intervals = hours[day];
          if (intervals) weeklyMinutes += checkDay(intervals, [...path, day]);
        }
        if (weeklyMinutes === 0) {
          diagnostics.push(
            diagnosticAt(source, path, 'calendar-hours', 'error', `${what} no working time in any weekday`, {
              hint: 'add working intervals, e.g. monday: ["09:00-17:00"], or use the built-in 24x7 calendar',
            }),
          );
        }
      };
      checkWeek(spec.hours, ['spec', 'hours'], 'calendar has');
      // A version replaces the whole week from its date on, so each is held to the same rules as the base hours.
      spec.versions?.forEach((version, i) => checkWeek(version.hours, ['spec', 'versions', i, 'hours'], `the version from ${version.from} has`));
      spec.specialDays?.forEach((special, i) => checkDay(special.hours, ['spec', 'specialDays', i, 'hours']));
      const dates = new Map<string, (string | number)[]>();
      const seeDate = (date: string, path: (string | number)[]) => {
        const previous = dates.get(date);
        if (previous) {
          diagnostics.push(
            diagnosticAt(source, path, 'calendar-hours', 'error', `date ${date} is listed twice among holidays and special days`, {
              related: [relatedAt(source, previous, 'first listed here')],
            }),
          );
        } else {
          dates.set(date, path);
        }
      };
      spec.holidays?.forEach((h, i) => seeDate(h.date, ['spec', 'holidays', i, 'date']));
      spec.specialDays?.forEach((s, i) => seeDate(s.date, ['spec', 'specialDays', i, 'date']));
    }
    return diagnostics;
  },
};
