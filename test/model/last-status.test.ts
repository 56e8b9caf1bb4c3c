import { describe, expect, it } from 'vitest';
import { lastStatusOf } from '../../src/model/last-status.js';

describe('lastStatusOf', () => {
  const timeline = [
    { at: '2026-03-01T10:00:00Z', status: 'in-progress' },
    { at: '2026-03-01T11:00:00Z', note: 'called the user' },
    { at: '2026-03-02T09:00:00Z', status: 'cancelled' },
    { at: '2026-03-02T10:00:00Z', priority: 'P2' },
  ];

  it('is the status of the last event that sets one; notes and priority changes leave it', () => {
    expect(lastStatusOf(timeline)).toBe('cancelled');
  });

  it('as of an instant, looks only at the events up to it (an event at that very instant counts)', () => {
    expect(lastStatusOf(timeline, Date.parse('2026-03-02T08:59:59Z'))).toBe('in-progress');
    expect(lastStatusOf(timeline, Date.parse('2026-03-02T09:00:00Z'))).toBe('cancelled');
    expect(lastStatusOf(timeline, Date.parse('2026-03-01T09:00:00Z'))).toBeUndefined();
  });

  it('is undefined without a status event: the ticket is in the status it was opened with', () => {
    expect(lastStatusOf(undefined)).toBeUndefined();
    const onlyNotes = [{ at: '2026-03-01T10:00:00Z', note: 'x' }];
    expect(lastStatusOf(onlyNotes)).toBeUndefined();
  });
});
