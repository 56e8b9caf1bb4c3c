import { describe, expect, it } from 'vitest';
import { reviewContext, shiftMonth } from '../../src/practices/review/context.js';
import { at, buildRepository, targets } from '../sla/helpers.js';

const repositoryWith = (opened: string[]) =>
  buildRepository({
    slas: { desk: { targets: targets([['incident', 'P2', '1h', '8h']]) } },
    services: { app: { sla: 'desk' }, other: { sla: 'desk' } },
    tickets: opened.map((o, i) => ({ id: `T${i}`, service: i === 0 ? 'other' : 'app', priority: 'P2', opened: o })),
  });
const labels = (opened: string[], month: string, months: number, service?: string[]) =>
  reviewContext(repositoryWith(opened), { month, months, now: at('2027-06-01T00:00:00Z'), ...(service ? { filters: { service } } : {}) }).months.map((m) => m.label);

describe('the months of a review', () => {
  it('shifts months across years', () => {
    expect(shiftMonth('2026-11', -11)).toBe('2025-12');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-11', -12)).toBe('2025-11');
  });

  it('ends with the reviewed month and covers --months of them when records go back that far', () => {
    // 2026-11 − 2 = 2026-09; the first ticket (2026-08) is earlier.
    expect(labels(['2026-08-15T12:00:00Z', '2026-11-02T12:00:00Z'], '2026-11', 3)).toEqual(['2026-09', '2026-10', '2026-11']);
  });

  it('begins with the month of the first ticket when it is later: months before any record are not shown as zeros', () => {
    expect(labels(['2026-10-02T12:00:00Z'], '2026-11', 12)).toEqual(['2026-10', '2026-11']);
  });

  it('reads the first ticket in the organisation’s zone: 2026-10-01T03:00Z is still September in New York (EDT, UTC−4)', () => {
    expect(labels(['2026-10-01T03:00:00Z'], '2026-11', 12)).toEqual(['2026-09', '2026-10', '2026-11']);
  });

  it('keeps the reviewed month when the first ticket is after it, and all the months when there is none', () => {
    expect(labels(['2027-01-05T12:00:00Z'], '2026-11', 12)).toEqual(['2026-11']);
    expect(labels([], '2026-11', 2)).toEqual(['2026-10', '2026-11']);
    expect(reviewContext(repositoryWith([]), { month: '2026-11', now: at('2027-01-01T00:00:00Z') }).recordsFrom).toBeNull();
  });

  it('takes the first ticket of the whole repository, whatever the filters: a service with no ticket yet shows its zeros', () => {
    // T0 (service other) was opened in August; app's first ticket in October. Reviewing app alone still begins in August.
    expect(labels(['2026-08-15T12:00:00Z', '2026-10-02T12:00:00Z'], '2026-11', 12, ['app'])).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('is as of the end of the reviewed month, or of now when it has not ended', () => {
    const repository = repositoryWith(['2026-08-15T12:00:00Z']);
    // November ends 2026-12-01 00:00 EST = 05:00Z.
    expect(reviewContext(repository, { month: '2026-11', now: at('2027-01-01T00:00:00Z') }).asOf).toBe(at('2026-12-01T05:00:00Z'));
    expect(reviewContext(repository, { month: '2026-11', now: at('2026-11-20T10:00:00Z') }).asOf).toBe(at('2026-11-20T10:00:00Z'));
  });
});
