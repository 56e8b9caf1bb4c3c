import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../../../src/model/config.js';
import { categoryOf, normaliseTitle } from '../../../src/practices/problem/category.js';
import { statusContext } from '../../../src/practices/problem/state.js';
import { recurrences, suggestProblems } from '../../../src/practices/problem/suggest.js';
import { parseWindow } from '../../../src/practices/problem/window.js';
import { ticket } from './tickets.js';

const DAY = 86_400_000;
const { categoryOf: categoryOfStatus } = statusContext(DEFAULT_STATUSES);

describe('normaliseTitle', () => {
  it('lower-cases, replaces words with digits by #, drops stop words', () => {
    expect(normaliseTitle('Disk full on db-07 (INC0012)')).toBe('disk full db #');
    expect(normaliseTitle('disk FULL on DB-12')).toBe('disk full db #');
    expect(normaliseTitle('VPN disconnects for user 4411!')).toBe('vpn disconnects user #');
    expect(normaliseTitle('Écran noir au démarrage')).toBe('écran noir au démarrage');
    expect(normaliseTitle('On the')).toBe('on the'); // only stop words: kept, so that it still has a category
  });
});

describe('categoryOf', () => {
  it('takes the category label before the title', () => {
    expect(categoryOf(ticket('A', { opened: '2026-01-01T00:00:00Z', title: 'Cannot sign in' }, { category: 'login' }))).toEqual({ category: 'login', from: 'label' });
    expect(categoryOf(ticket('B', { opened: '2026-01-01T00:00:00Z', title: 'Cannot sign in' }))).toEqual({ category: 'cannot sign', from: 'title' });
  });
});

describe('parseWindow', () => {
  it('reads weeks, days, hours and minutes, and nothing else', () => {
    expect(parseWindow('30d')).toBe(30 * DAY);
    expect(parseWindow('2w')).toBe(14 * DAY);
    expect(parseWindow('36h')).toBe(36 * 3_600_000);
    expect(parseWindow('90m')).toBe(90 * 60_000);
    for (const bad of ['0d', '30', 'd', '1.5d', '30 d', '-1d', '1y']) expect(parseWindow(bad)).toBeUndefined();
  });
});

describe('recurrences', () => {
  it('counts a recurrence at exactly min incidents within exactly the window, both ends included', () => {
    // days 0, 14, 30 with a 30-day window: 30 - 0 = 30 <= 30, three incidents: one run [0, 2].
    expect(recurrences([0, 14 * DAY, 30 * DAY], 3, 30 * DAY)).toEqual([[0, 2]]);
    // one millisecond more and the first and last are not within the window.
    expect(recurrences([0, 14 * DAY, 30 * DAY + 1], 3, 30 * DAY)).toEqual([]);
  });

  it('counts incidents opened at the same instant each', () => {
    expect(recurrences([5, 5, 5], 3, 1)).toEqual([[0, 2]]);
    expect(recurrences([5, 5], 3, 1)).toEqual([]);
  });

  it('joins qualifying windows that share an incident, and keeps bursts apart', () => {
    // days 0, 10, 20, 40 (window 25): [0,2] qualifies (0-20), [1,3]? 40-10 = 30 > 25, no; [2,3] has 2 < 3.
    // days 100, 101, 102 qualify on their own: a second run.
    expect(recurrences([0, 10, 20, 40, 100, 101, 102].map((d) => d * DAY), 3, 25 * DAY)).toEqual([[0, 2], [4, 6]]);
    // days 0, 10, 20, 30 (window 20): [0,2] (0-20) and [1,3] (10-30) share incidents: one run [0, 3].
    expect(recurrences([0, 10, 20, 30].map((d) => d * DAY), 3, 20 * DAY)).toEqual([[0, 3]]);
  });
});

describe('suggestProblems', () => {
  const vpn = (id: string, opened: string, extra: Partial<Parameters<typeof ticket>[1]> = {}) => ticket(id, { service: 'vpn', title: `VPN drops for user ${id}`, opened, ...extra });

  it('groups by service and category and lists the tickets oldest first', () => {
    const tickets = [
      vpn('I3', '2026-06-20T00:00:00Z'),
      vpn('I1', '2026-06-01T00:00:00Z'),
      vpn('I2', '2026-06-10T00:00:00Z'),
      ticket('J1', { service: 'mail', title: 'VPN drops for user J1', opened: '2026-06-02T00:00:00Z' }), // another service
    ];
    const result = suggestProblems(tickets, categoryOfStatus, { min: 3, windowMs: 30 * DAY });
    expect(result.incidents).toBe(4);
    expect(result.candidates).toEqual([
      { service: 'vpn', category: 'vpn drops user #', categoryFrom: 'title', count: 3, first: '2026-06-01T00:00:00.000Z', last: '2026-06-20T00:00:00.000Z', tickets: ['I1', 'I2', 'I3'] },
    ]);
  });

  it('leaves out incidents linked to a problem, cancelled ones, other types, and those before --since', () => {
    const tickets = [
      vpn('I1', '2026-06-01T00:00:00Z'),
      vpn('I2', '2026-06-02T00:00:00Z', { problem: 'PRB1' }),
      vpn('I3', '2026-06-03T00:00:00Z', { timeline: [{ at: '2026-06-03T01:00:00Z', status: 'cancelled' }] }),
      vpn('I4', '2026-06-04T00:00:00Z', { type: 'request' }),
      vpn('I5', '2026-06-05T00:00:00Z'),
      vpn('I6', '2026-06-06T00:00:00Z'),
    ];
    expect(suggestProblems(tickets, categoryOfStatus, { min: 3, windowMs: 30 * DAY }).candidates.map((c) => c.tickets)).toEqual([['I1', 'I5', 'I6']]);
    const since = suggestProblems(tickets, categoryOfStatus, { min: 3, windowMs: 30 * DAY, since: Date.parse('2026-06-02T00:00:00Z') });
    expect(since.incidents).toBe(2);
    expect(since.since).toBe('2026-06-02T00:00:00.000Z');
    expect(since.candidates).toEqual([]);
  });

  it('as of --now: leaves out incidents opened after it, and counts a cancellation only once it has happened', () => {
    const tickets = [
      vpn('I1', '2026-06-01T00:00:00Z'),
      // Cancelled on 10 June: as of 5 June it is still an incident that recurs.
      vpn('I2', '2026-06-02T00:00:00Z', { timeline: [{ at: '2026-06-10T00:00:00Z', status: 'cancelled' }] }),
      vpn('I3', '2026-06-03T00:00:00Z'),
      // Opened after 5 June: not yet there.
      vpn('I4', '2026-06-06T00:00:00Z'),
    ];
    const asOf = Date.parse('2026-06-05T00:00:00Z');
    expect(suggestProblems(tickets, categoryOfStatus, { min: 3, windowMs: 30 * DAY, asOf }).candidates.map((c) => c.tickets)).toEqual([['I1', 'I2', 'I3']]);
    // Without --now every incident counts and I2's cancellation stands: I1, I3, I4.
    expect(suggestProblems(tickets, categoryOfStatus, { min: 3, windowMs: 30 * DAY }).candidates.map((c) => c.tickets)).toEqual([['I1', 'I3', 'I4']]);
  });

  it('keeps a label category apart from a title that reads the same', () => {
    const tickets = [
      ticket('L1', { title: 'x', opened: '2026-06-01T00:00:00Z' }, { category: 'login' }),
      ticket('L2', { title: 'y', opened: '2026-06-02T00:00:00Z' }, { category: 'login' }),
      ticket('T1', { title: 'Login', opened: '2026-06-03T00:00:00Z' }),
    ];
    const result = suggestProblems(tickets, categoryOfStatus, { min: 2, windowMs: 30 * DAY });
    expect(result.candidates.map((c) => [c.category, c.categoryFrom, c.tickets])).toEqual([['login', 'label', ['L1', 'L2']]]);
  });
});
