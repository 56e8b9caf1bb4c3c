import type { Repository } from '../model/repository.js';
import { agreements } from './changes/agreements.js';
import { articleEntities, articles } from './changes/articles.js';
import { calendars } from './changes/calendars.js';
import { changeTemplates } from './changes/change-templates.js';
import { configChanges } from './changes/config.js';
import { consumers } from './changes/consumers.js';
import { groups } from './changes/groups.js';
import { improvements } from './changes/improvements.js';
import { entityChanges, type ChangeContext } from './changes/match.js';
import { services } from './changes/services.js';
import { ticketCounts } from './changes/tickets.js';
import { usageChanges } from './changes/usage.js';
import { byText } from './changes/words.js';

/**
 * CONTRACT (issue #13): the g13-changes part fills in `describeChanges`; other parts only read these types. Fields
 * may be added; none may be renamed or removed without the coordinator.
 */

/** The kinds of definition whose changes are described one by one (tickets are only counted). */
export const DEFINITION_KINDS = ['Config', 'Service', 'SLA', 'Calendar', 'Consumer', 'Group', 'Usage', 'ChangeTemplate', 'Article', 'Improvement'] as const;
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
  /**
   * For a term that has dated versions (an agreement's terms and targets, a service's pricing, a calendar's weekly
   * hours): the version the change is in. Absent for fields without versions.
   */
  version?: VersionRef;
}

/**
 * Which version of dated terms a change is in. `from` null: the undated terms, in force since the beginning (an edit
 * there rewrites the past). `added`: a new version (changes figures only from `from` on); `edited`: a change inside an
 * existing version (changes figures from `from` on, which may already be reported); `removed`: a version taken out.
 */
export interface VersionRef {
  from: string | null;
  change: 'added' | 'edited' | 'removed';
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
  /** 0-based index of the document in `file` (0 for a usage CSV file), so that the edge can resolve `line` from the text. */
  document?: number;
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

/**
 * The meaningful changes from `base` to `head` (pure: two loaded repositories in, words out). `files`, when given, are
 * the only files that differ between the two (`itsm audit` knows them from git): the definitions of other files are
 * then not compared, though both repositories remain the context of the words. The caller leaves it out when the
 * settings or an iCalendar file changed, which change the words of definitions in other files.
 */
export function describeChanges(base: Repository, head: Repository, files?: ReadonlySet<string>): DefinitionChanges {
  const context: ChangeContext = { base, head, currency: { base: base.config.currency, head: head.config.currency } };
  const only = <E extends { source: { file: string } }>(list: readonly E[]): readonly E[] => (files === undefined ? list : list.filter((e) => files.has(e.source.file)));
  const definitions: DefinitionChange[] = [
    ...configChanges(base, head),
    ...entityChanges(services, only(base.services), only(head.services), context),
    ...entityChanges(agreements, only(base.slas), only(head.slas), context),
    ...entityChanges(calendars, only(base.calendars), only(head.calendars), context),
    ...entityChanges(consumers, only(base.consumers), only(head.consumers), context),
    ...entityChanges(groups, only(base.groups), only(head.groups), context),
    ...usageChanges(only(base.usage), only(head.usage)),
    ...entityChanges(changeTemplates, only(base.changeTemplates), only(head.changeTemplates), context),
    ...entityChanges(articles, articleEntities(only(base.articles)), articleEntities(only(head.articles)), context),
    ...entityChanges(improvements, only(base.improvements), only(head.improvements), context),
  ];
  definitions.sort(
    (a, b) => byText(a.file, b.file) || DEFINITION_KINDS.indexOf(a.kind) - DEFINITION_KINDS.indexOf(b.kind) || byText(a.id, b.id),
  );
  return { definitions, tickets: ticketCounts(base.tickets, head.tickets) };
}
