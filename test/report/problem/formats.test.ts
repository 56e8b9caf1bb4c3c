import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import type { ProblemReport } from '../../../src/practices/problem/report.js';
import type { ProblemSuggestions } from '../../../src/practices/problem/suggest.js';
import { elapsedText, formatProblemReport, formatProblemSuggestions, windowText } from '../../../src/report/problem/index.js';
import { displayWidth } from '../../../src/report/terminal-text.js';

const row = (problem: string, owner: string | null) => ({
  problem,
  title: `A long title for ${problem} that a narrow terminal has to cut`,
  service: 'mail',
  state: 'logged' as const,
  status: 'new',
  opened: '2026-06-01T00:00:00.000Z',
  ageDays: 29,
  owner,
  group: null,
});

const report: ProblemReport = {
  version: 1,
  asOf: '2026-06-30T00:00:00.000Z',
  timeZone: 'Europe/Paris',
  states: [
    { state: 'logged', count: 2 },
    { state: 'under-investigation', count: 0 },
    { state: 'known-error', count: 1 },
    { state: 'resolved', count: 0 },
    { state: 'closed', count: 0 },
  ],
  ageBands: [
    { band: 'under 7 days', fromDays: 0, toDays: 7, count: 0 },
    { band: '7 to 30 days', fromDays: 7, toDays: 30, count: 2 },
    { band: '30 to 90 days', fromDays: 30, toDays: 90, count: 0 },
    { band: '90 days or more', fromDays: 90, toDays: null, count: 0 },
  ],
  open: [row('PRB1', null), row('PRB2', 'alice')],
  knownErrors: [
    {
      problem: 'PRB2',
      title: 'Queue | stalls *often*',
      documented: '2026-06-02T08:00:00.000Z',
      workaround: 'Restart the relay.',
      rootCause: null,
      services: ['mail', 'crm'],
      articles: [],
    },
  ],
  impact: [{ problem: 'PRB2', title: 'Queue stalls', state: 'known-error', incidents: ['I1', 'I2'], downMs: 2 * 86_400_000 + 3_600_000 + 29_000, degradedMs: 0, services: [] }],
  withoutIncidents: 1,
  withoutOwner: [row('PRB1', null)],
};

describe('problem formatters', () => {
  it('text: the sections in order, instants in the zone, durations to the minute', () => {
    const text = formatProblemReport('text', report, {});
    expect(text.split('\n')[0]).toBe('Problems as of 2026-06-30 02:00 +02:00');
    expect(text).toContain('2 logged · 0 under investigation · 1 known error · 0 resolved · 0 closed');
    expect(text).toContain('workaround (documented 2026-06-02 10:00 +02:00): Restart the relay.');
    expect(text).toContain('services: mail, crm');
    expect(text).toContain('articles: none');
    expect(text).toContain('2d 1h 0m'); // 2 days, 1 hour and 29 seconds, to the minute
    expect(text).toContain('1 problem explains no incident.');
    const sections = ['Open problems by age', 'Known errors', 'Incidents and downtime per problem', 'Open problems without an owner'];
    expect(sections.map((s) => text.indexOf(s))).toEqual([...sections.map((s) => text.indexOf(s))].sort((a, b) => a - b));
  });

  it('text: no line wider than --width', () => {
    for (const width of [60, 80]) {
      for (const line of formatProblemReport('text', report, { width }).split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('markdown passes markdownlint and escapes what Markdown would read', () => {
    const markdown = formatProblemReport('markdown', report, {});
    expect(lint({ strings: { report: markdown } }).report).toEqual([]);
    expect(markdown).toContain('### PRB2 — Queue \\| stalls \\*often\\*');
  });

  it('json is the result as it is', () => {
    expect(JSON.parse(formatProblemReport('json', report))).toEqual(report);
  });

  const suggestions: ProblemSuggestions = {
    version: 1,
    min: 3,
    windowMs: 30 * 86_400_000,
    since: null,
    incidents: 12,
    candidates: [
      { service: 'vpn', category: 'login', categoryFrom: 'label', count: 10, first: '2026-06-01T09:00:00.000Z', last: '2026-06-20T09:00:00.000Z', tickets: ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', 'I10'] },
    ],
  };

  it('suggest: text shows the rule, marks label categories and at most 8 ticket ids', () => {
    const text = formatProblemSuggestions('text', suggestions, { timeZone: 'UTC' });
    expect(text).toContain('12 incidents without a problem; a candidate recurs at least 3 times within 30 days on one service with one category');
    expect(text).toContain('login (label)');
    expect(text).toContain('I1 I2 I3 I4 I5 I6 I7 I8 +2 more');
    expect(formatProblemSuggestions('text', { ...suggestions, candidates: [] })).toContain('No recurring incidents.');
  });

  it('suggest: markdown passes markdownlint; json is the result', () => {
    expect(lint({ strings: { s: formatProblemSuggestions('markdown', suggestions, { timeZone: 'UTC' }) } }).s).toEqual([]);
    expect(JSON.parse(formatProblemSuggestions('json', suggestions))).toEqual(suggestions);
  });

  it('elapsedText and windowText', () => {
    expect([0, 29_000, 31_000, 45 * 60_000, 3 * 3_600_000 + 20 * 60_000, 86_400_000].map(elapsedText)).toEqual(['0m', '0m', '1m', '45m', '3h 20m', '1d 0h 0m']);
    expect([30 * 86_400_000, 14 * 86_400_000, 36 * 3_600_000, 90 * 60_000, 60_000].map(windowText)).toEqual(['30 days', '2 weeks', '36 hours', '90 minutes', '1 minute']);
  });
});
