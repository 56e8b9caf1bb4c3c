import { describe, expect, it } from 'vitest';
import { mergeTicket, ticketDocumentOf, type DocumentValue, type MergeResult } from '../../src/import/merge.js';
import type { ImportedEvent, ImportedTicket } from '../../src/import/types.js';

/**
 * How a re-import updates a ticket's timeline (src/import/timeline-merge.ts; docs/import.md, "Timelines: what a
 * re-import may change"), on hand-written timelines shaped like the UCI sample's INC0000074: opened 08:23, in progress
 * at once, waiting for the user from 08:38, resolved on 11 April, closed on 16 April.
 */

const OPENED = '2016-02-29T08:23:00Z';
const IN_PROGRESS: ImportedEvent = { at: '2016-02-29T08:23:00Z', status: 'in-progress', actor: 'Updated by 908' };
const AWAITING: ImportedEvent = { at: '2016-02-29T08:38:00Z', status: 'awaiting-customer', actor: 'Updated by 804' };
const AWAITING_AGAIN: ImportedEvent = { at: '2016-03-21T11:07:00Z', status: 'awaiting-customer', actor: 'Updated by 804' };
const RESOLVED: ImportedEvent = { at: '2016-04-11T14:39:00Z', status: 'resolved', actor: 'Updated by 713' };
const CLOSED: ImportedEvent = { at: '2016-04-16T15:07:00Z', status: 'closed', actor: 'Updated by 908' };
const FULL = [IN_PROGRESS, AWAITING, RESOLVED, CLOSED];

const imported = (timeline: ImportedEvent[], over: Partial<ImportedTicket> = {}): ImportedTicket => ({
  id: 'INC0000074',
  type: 'incident',
  service: 'category-45',
  priority: 'P3',
  title: 'Category 45 / Subcategory 220',
  opened: OPENED,
  timeline,
  labels: { 'itsm/source': 'servicenow' },
  lines: { first: 15, last: 20, count: 5 },
  ...over,
});

/** The ticket as the repository has it after importing `timeline` into an empty repository. */
const inRepository = (timeline: ImportedEvent[], over: Partial<ImportedTicket> = {}): DocumentValue => ticketDocumentOf(imported(timeline, over));

function documentOf(result: MergeResult): DocumentValue {
  if (!('document' in result)) throw new Error(`expected a merged document, got ${JSON.stringify(result)}`);
  return result.document;
}
const specOf = (doc: DocumentValue) => doc.spec as { opened: string; priority: string; timeline?: unknown[]; service: string };

describe('a re-import keeps the events the repository has outside the span the export covers', () => {
  it('an incremental export (only the updates since 1 March) keeps the history before it, and the merge is what the full export gives', () => {
    // The repository as of 29 February: in progress, then waiting.
    const before = inRepository([IN_PROGRESS, AWAITING]);
    // The export of updates since 1 March: its first row (21 March) still waits for the user, which the adapter reads as a
    // change from "new"; the repository knows the ticket has waited since 08:38, so that echo is not an event.
    const merged = documentOf(mergeTicket(before, imported([AWAITING_AGAIN, RESOLVED, CLOSED])));
    expect(specOf(merged).timeline).toEqual([IN_PROGRESS, AWAITING, RESOLVED, CLOSED]);
    // Byte for byte what importing the complete export into an empty repository writes.
    expect(JSON.stringify(merged)).toBe(JSON.stringify(inRepository(FULL)));
  });

  it('an export that starts later keeps the opening: the priority the ticket was opened with is not the one it has now', () => {
    // Opened P3 and raised to P2 on 29 February; the export since 1 March starts at P2 (its first row's priority).
    const raised: ImportedEvent = { at: '2016-02-29T09:00:00Z', priority: 'P2', actor: 'Updated by 340' };
    const before = inRepository([IN_PROGRESS, raised, AWAITING]);
    const merged = documentOf(mergeTicket(before, imported([RESOLVED, CLOSED], { priority: 'P2' })));
    expect(specOf(merged)).toMatchObject({ opened: OPENED, priority: 'P3' });
    expect(specOf(merged).timeline).toEqual([IN_PROGRESS, raised, AWAITING, RESOLVED, CLOSED]);
  });

  it('a priority the export starts with that the repository never saw is carried by its first event: the change happened by then', () => {
    const before = inRepository([IN_PROGRESS, AWAITING]);
    const merged = documentOf(mergeTicket(before, imported([RESOLVED, CLOSED], { priority: 'P2' })));
    expect(specOf(merged).priority).toBe('P3');
    expect(specOf(merged).timeline).toEqual([IN_PROGRESS, AWAITING, { at: RESOLVED.at, status: 'resolved', priority: 'P2', actor: 'Updated by 713' }, CLOSED]);
  });

  it('an audit log without the incident’s update 0 says when it starts (`since`): a priority it starts with is a change at that update', () => {
    // The repository, from the export of 29 February: opened P3, no change yet. The export of the updates since
    // 1 March starts with update 3, on 4 March at 13:42, in state New at P2: the raise happened then.
    const before = inRepository([]);
    const since = { at: '2016-03-04T13:42:00Z', actor: 'Updated by 135' };
    const merged = documentOf(mergeTicket(before, imported([RESOLVED, CLOSED], { priority: 'P2', since })));
    expect(specOf(merged)).toMatchObject({ opened: OPENED, priority: 'P3' });
    expect(specOf(merged).timeline).toEqual([{ at: since.at, priority: 'P2', actor: 'Updated by 135' }, RESOLVED, CLOSED]);
    // Its rows may change nothing else (still New): the raise is recorded all the same.
    const quiet = documentOf(mergeTicket(before, imported([], { priority: 'P2', since })));
    expect(specOf(quiet).timeline).toEqual([{ at: since.at, priority: 'P2', actor: 'Updated by 135' }]);
    // And importing either again changes nothing.
    expect(JSON.stringify(documentOf(mergeTicket(merged, imported([RESOLVED, CLOSED], { priority: 'P2', since }))))).toBe(JSON.stringify(merged));
    expect(JSON.stringify(documentOf(mergeTicket(quiet, imported([], { priority: 'P2', since }))))).toBe(JSON.stringify(quiet));
  });

  it('an export that ends earlier (an older export, or one whose last rows a quote swallowed) keeps the events after it, and does not turn the ticket back', () => {
    const before = inRepository(FULL, { annotations: { 'servicenow/made_sla': 'false' } });
    // As of 29 February the ticket was under another service and within its SLA.
    const older = imported([IN_PROGRESS, AWAITING], { service: 'service-desk', annotations: { 'servicenow/made_sla': 'true' } });
    expect(JSON.stringify(documentOf(mergeTicket(before, older)))).toBe(JSON.stringify(before));
  });

  it('an export with no event for the ticket (only comments since yesterday) keeps its timeline', () => {
    const before = inRepository(FULL);
    expect(JSON.stringify(documentOf(mergeTicket(before, imported([]))))).toBe(JSON.stringify(before));
  });
});

describe('a re-import that would drop events inside the span it covers keeps the ticket and says what would be lost', () => {
  it('rows swallowed by a stray quote: the waiting of 08:38 is missing between events the export has', () => {
    const before = inRepository(FULL);
    expect(mergeTicket(before, imported([IN_PROGRESS, RESOLVED, CLOSED]))).toEqual({
      loss: { window: { from: IN_PROGRESS.at, to: CLOSED.at }, existing: 4, dropped: [AWAITING] },
    });
  });

  it('fewer events at one instant is a loss too: a status that lasted no time still happened (docs/sla.md)', () => {
    // Resolved and reopened at 10:00, resolved again at 11:00; the export lost the reopening row.
    const resolved = { at: '2016-02-29T10:00:00Z', status: 'resolved' };
    const reopened = { at: '2016-02-29T10:00:00Z', status: 'in-progress' };
    const again = { at: '2016-02-29T11:00:00Z', status: 'resolved' };
    const before = inRepository([IN_PROGRESS, resolved, reopened, again]);
    expect(mergeTicket(before, imported([IN_PROGRESS, resolved, again]))).toEqual({
      loss: { window: { from: IN_PROGRESS.at, to: again.at }, existing: 4, dropped: [reopened] },
    });
    // The same instant written twice by the export, in the other order, is no loss: the export's order stands.
    const reordered = documentOf(mergeTicket(before, imported([IN_PROGRESS, reopened, resolved, again])));
    expect(specOf(reordered).timeline).toEqual([IN_PROGRESS, reopened, resolved, again]);
  });

  it('an export that opens the ticket at another instant (a corrected date format) must keep every instant, or is refused', () => {
    const before = inRepository(FULL);
    // Read a day off before (a wrong time zone or date format): the opening and the events of February move.
    const moved = (e: ImportedEvent): ImportedEvent => ({ ...e, at: e.at.replace('2016-02-29', '2016-02-28') });
    const result = mergeTicket(before, imported([IN_PROGRESS, AWAITING, RESOLVED, CLOSED].map(moved), { opened: '2016-02-28T08:23:00Z' }));
    expect(result).toEqual({ loss: { opening: { repository: OPENED, export: '2016-02-28T08:23:00Z' }, existing: 4, dropped: [IN_PROGRESS, AWAITING] } });
  });

  it('--replace-timelines takes the export as it is, losing what it does not have', () => {
    const before = inRepository(FULL);
    const merged = documentOf(mergeTicket(before, imported([IN_PROGRESS, RESOLVED, CLOSED]), { replaceTimelines: true }));
    expect(specOf(merged).timeline).toEqual([IN_PROGRESS, RESOLVED, CLOSED]);
    const moved = documentOf(mergeTicket(before, imported([RESOLVED, CLOSED], { opened: '2016-02-28T08:23:00Z', priority: 'P2' }), { replaceTimelines: true }));
    expect(specOf(moved)).toMatchObject({ opened: '2016-02-28T08:23:00Z', priority: 'P2', timeline: [RESOLVED, CLOSED] });
  });
});

describe('notes are the user’s: a re-import keeps them', () => {
  const CALLED = { at: '2016-03-21T09:00:00Z', note: 'Called the user: still away', actor: 'j.doe' };

  it('a note alone, added by hand inside the span the export covers, is kept and is no loss; the export still updates the rest', () => {
    const before = inRepository([IN_PROGRESS, { ...AWAITING, status: 'on-hold' }, RESOLVED, CLOSED]);
    const spec = before.spec as { timeline: unknown[] };
    spec.timeline.splice(2, 0, CALLED);
    const merged = documentOf(mergeTicket(before, imported(FULL)));
    expect(specOf(merged).timeline).toEqual([IN_PROGRESS, AWAITING, CALLED, RESOLVED, CLOSED]);
    expect(JSON.stringify(documentOf(mergeTicket(merged, imported(FULL))))).toBe(JSON.stringify(merged));
  });

  it('a note written on an imported event goes to the event that replaces it, even with --replace-timelines', () => {
    const before = inRepository(FULL);
    const spec = before.spec as { timeline: Array<Record<string, unknown>> };
    spec.timeline[1] = { ...spec.timeline[1], note: 'The user is on leave until 21 March' };
    const remapped = documentOf(mergeTicket(before, imported([IN_PROGRESS, { ...AWAITING, status: 'on-hold' }, RESOLVED, CLOSED])));
    expect(specOf(remapped).timeline![1]).toEqual({ ...AWAITING, status: 'on-hold', note: 'The user is on leave until 21 March' });
    // The export lost the wait: replaced, the note stays on its own at its instant.
    const replaced = documentOf(mergeTicket(before, imported([IN_PROGRESS, RESOLVED, CLOSED]), { replaceTimelines: true }));
    expect(specOf(replaced).timeline).toEqual([IN_PROGRESS, { at: AWAITING.at, note: 'The user is on leave until 21 March' }, RESOLVED, CLOSED]);
  });
});

describe('what keeps working', () => {
  it('the same export twice changes nothing, not a byte: the complete one, and the incremental one', () => {
    const full = inRepository(FULL);
    expect(JSON.stringify(documentOf(mergeTicket(full, imported(FULL))))).toBe(JSON.stringify(full));
    const incremental = imported([AWAITING_AGAIN, RESOLVED, CLOSED], { priority: 'P2' });
    const once = documentOf(mergeTicket(inRepository([IN_PROGRESS, AWAITING]), incremental));
    expect(JSON.stringify(documentOf(mergeTicket(once, incremental)))).toBe(JSON.stringify(once));
  });

  it('a full re-export with a corrected mapping updates statuses, priorities and the service at the instants the repository has', () => {
    // First imported with "Awaiting User Info" mapped to on-hold, "3 - Moderate" to P3, under the fallback service.
    const before = inRepository([IN_PROGRESS, { ...AWAITING, status: 'on-hold' }, RESOLVED, CLOSED], { service: 'service-desk' });
    const corrected = imported(FULL, { priority: 'P4' });
    const merged = documentOf(mergeTicket(before, corrected));
    expect(JSON.stringify(merged)).toBe(JSON.stringify(inRepository(FULL, { priority: 'P4' })));
    expect(specOf(merged)).toMatchObject({ service: 'category-45', priority: 'P4' });
  });

  it('a full re-export after incremental ones replaces their approximations where it has the same instants, and adds what they missed', () => {
    const afterIncrements = documentOf(mergeTicket(inRepository([IN_PROGRESS]), imported([RESOLVED, CLOSED])));
    expect(specOf(afterIncrements).timeline).toEqual([IN_PROGRESS, RESOLVED, CLOSED]);
    expect(JSON.stringify(documentOf(mergeTicket(afterIncrements, imported(FULL))))).toBe(JSON.stringify(inRepository(FULL)));
  });
});
