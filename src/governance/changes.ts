import type { Repository } from '../model/repository.js';

/**
 * CONTRACT (issue #13): the g13-changes part fills in `describeChanges`; other parts only read these types. Fields
 * may be added; none may be renamed or removed without the coordinator.
 */

/** The kinds of definition whose changes are described one by one (tickets are only counted). */
export const DEFINITION_KINDS = ['Config', 'Service', 'SLA', 'Calendar', 'Consumer', 'Group', 'Usage'] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

export type ChangeAction = 'added' | 'removed' | 'changed';

/** One meaningful change inside a definition, in the vocabulary of the format. */
export interface ChangeDetail {
  /** What changed, as a dotted path a reader knows ("incident.P2.resolution", "lifecycle", "holidays.2026-12-24"). */
  field: string;
  /** The value before and after, as a reader writes it ("8h", "live", "6.50 USD per mailbox"); null when absent. */
  before: string | null;
  after: string | null;
  /** The whole change in words, e.g. "incident P2 resolution 8h → 4h (objective 95% unchanged)". */
  text: string;
}

/** A definition that was added, removed or changed between two revisions. */
export interface DefinitionChange {
  kind: DefinitionKind;
  id: string;
  action: ChangeAction;
  /** Repository-relative file: the head's, or the base's when the definition was removed. */
  file: string;
  /** 1-based line of the document in `file`, when known. */
  line?: number;
  /** Empty for an added or removed definition unless there is something to say (e.g. "3 services depend on it"). */
  details: ChangeDetail[];
}

export interface TicketChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

export interface DefinitionChanges {
  /** Sorted by file, then kind, then id. */
  definitions: DefinitionChange[];
  tickets: TicketChangeCounts;
}

/** The meaningful changes from `base` to `head` (pure: two loaded repositories in, words out). */
export function describeChanges(base: Repository, head: Repository): DefinitionChanges {
  void base;
  void head;
  return { definitions: [], tickets: { added: 0, changed: 0, removed: 0 } };
}
