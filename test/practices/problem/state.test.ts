import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../../../src/model/config.js';
import { problemFacts, stateOf, statusContext } from '../../../src/practices/problem/state.js';
import { ticket } from './tickets.js';

const context = statusContext(DEFAULT_STATUSES);
const at = (text: string) => Date.parse(text);

describe('stateOf', () => {
  it('reads the ITIL state from the status category and the workaround', () => {
    const now = at('2026-06-01T00:00:00Z');
    expect(stateOf('new', undefined, now)).toBe('logged');
    expect(stateOf('active', undefined, now)).toBe('under-investigation');
    expect(stateOf('waiting', undefined, now)).toBe('under-investigation');
    expect(stateOf('new', '2026-05-01T00:00:00Z', now)).toBe('known-error');
    expect(stateOf('active', '2026-06-01T00:00:00Z', now)).toBe('known-error'); // documented at the instant itself
    expect(stateOf('active', '2026-06-01T00:00:01Z', now)).toBe('under-investigation'); // not yet documented
    expect(stateOf('resolved', '2026-05-01T00:00:00Z', now)).toBe('resolved');
    expect(stateOf('closed', undefined, now)).toBe('closed');
    expect(stateOf('cancelled', undefined, now)).toBeNull();
    expect(stateOf(undefined, undefined, now)).toBeNull();
  });
});

describe('problemFacts', () => {
  const problem = ticket('PRB1', {
    type: 'problem',
    opened: '2026-03-01T09:00:00Z',
    group: 'ops',
    timeline: [
      { at: '2026-03-02T08:00:00Z', status: 'in-progress', assignee: 'alice' },
      { at: '2026-04-01T10:00:00Z', status: 'resolved' },
      { at: '2026-04-01T10:00:00Z', status: 'in-progress', assignee: 'bob' }, // reopened at the same instant: written order
    ],
    workaround: { description: 'Restart it.', documented: '2026-03-05T10:00:00Z' },
  });

  it('takes the status and the assignee in force at the instant, events at one instant in the order written', () => {
    expect(problemFacts(problem, context, at('2026-03-01T12:00:00Z'))).toMatchObject({ state: 'logged', status: 'new', owner: null, group: 'ops' });
    expect(problemFacts(problem, context, at('2026-03-03T00:00:00Z'))).toMatchObject({ state: 'under-investigation', owner: 'alice' });
    expect(problemFacts(problem, context, at('2026-03-05T10:00:00Z'))).toMatchObject({ state: 'known-error', owner: 'alice' });
    expect(problemFacts(problem, context, at('2026-04-01T10:00:00Z'))).toMatchObject({ state: 'known-error', status: 'in-progress', owner: 'bob' });
  });

  it('leaves out what is not a problem then: before it was opened, cancelled, another type', () => {
    expect(problemFacts(problem, context, at('2026-03-01T08:59:59Z'))).toBeNull();
    const cancelled = ticket('PRB2', { type: 'problem', opened: '2026-03-01T09:00:00Z', timeline: [{ at: '2026-03-01T10:00:00Z', status: 'cancelled' }] });
    expect(problemFacts(cancelled, context, at('2026-06-01T00:00:00Z'))).toBeNull();
    expect(problemFacts(ticket('INC1', { opened: '2026-03-01T09:00:00Z' }), context, at('2026-06-01T00:00:00Z'))).toBeNull();
  });
});
