import type { Diagnostic, RelatedLocation, Severity } from '../diagnostics/diagnostic.js';
import { BUILTIN_24X7, BUILTIN_24X7_ID, type CalendarDocument, type StatusDefinition } from '../model/index.js';
import type { Entity, Repository, SourceRef } from '../model/repository.js';
import { CONFIG_FILE, type RejectedDocument } from './schema.js';
import { localDayOf, type CheckDay } from '../time/check-day.js';

/** What every cross-document rule needs: the repository and its ids, indexed once. */
export interface RuleContext {
  repository: Repository;
  calendars: Map<string, Entity<CalendarDocument>>;
  services: Map<string, Repository['services'][number]>;
  slas: Map<string, Repository['slas'][number]>;
  consumers: Map<string, Repository['consumers'][number]>;
  groups: Map<string, Repository['groups'][number]>;
  changeTemplates: Map<string, Repository['changeTemplates'][number]>;
  articles: Map<string, Repository['articles'][number]>;
  statuses: Map<string, StatusDefinition>;
  priorities: Set<string>;
  /** Documents that failed their schema, by kind and id (the first of each): they exist, but cannot be used. */
  rejected: Map<string, RejectedDocument>;
  /** The Config of itsm.yaml when it failed its schema: the statuses and priorities are then the defaults. */
  rejectedConfig?: RejectedDocument;
  /** Today in the organisation's time zone, when the caller gave the current time; rules about dates that pass need it. */
  today?: string;
  /** Every Markdown file of the repository (repository-relative), article or not. */
  markdownFiles: ReadonlySet<string>;
}

/** What the rules may know beyond the documents; validation stays pure because the caller passes it in. */
export interface Surroundings {
  /** The current time (epoch milliseconds), or the day itself: `today` is its local date in the Config's time zone. */
  now?: CheckDay;
  /** Every Markdown file the walk listed (LoadedFiles.markdownFiles). */
  markdownFiles?: readonly string[];
}

/** The key of a document in RuleContext.rejected. */
export function rejectedKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

/**
 * What a rule may know besides the tickets: every definition (config, services, agreements, calendars, consumers,
 * groups, templates, articles, improvements, usage, Backstage entities, holiday files), the documents of those kinds
 * that failed their schema, and the surroundings. It holds no ticket, by type: a rule that reads tickets does so one
 * file at a time (TicketRule.facts), which is what lets a run after editing one file read only that file.
 */
export interface DefinitionsContext extends Omit<RuleContext, 'repository' | 'rejected'> {
  repository: Omit<Repository, 'tickets'>;
  /** RuleContext.rejected without tickets: a ticket that failed its schema is in its file's TicketFile.rejected. */
  rejected: RuleContext['rejected'];
}

/** The context of TicketRule.facts: the definitions, without the day (facts are kept across days). */
export type FactsContext = Omit<DefinitionsContext, 'today'>;

/**
 * A rule of the second phase over the definitions: a small named check. Rules that read tickets are TicketRules
 * (ticket-rule.ts), which read them one file at a time.
 */
export interface Rule {
  id: string;
  description: string;
  check(context: DefinitionsContext): Diagnostic[];
}

/** Indexes by id, keeping the first of duplicates (the duplicate-id rule reports the rest). */
export function buildContext(repository: Repository, rejected: readonly RejectedDocument[] = [], surroundings: Surroundings = {}): RuleContext {
  const index = <D extends { metadata: { id: string } }, E extends Entity<D>>(entities: E[]) => {
    const map = new Map<string, E>();
    for (const e of entities) if (!map.has(e.doc.metadata.id)) map.set(e.doc.metadata.id, e);
    return map;
  };
  const calendars = index(repository.calendars);
  if (!calendars.has(BUILTIN_24X7_ID)) {
    calendars.set(BUILTIN_24X7_ID, { source: { file: '(built-in)', document: 0 }, doc: BUILTIN_24X7 });
  }
  const rejectedById = new Map<string, RejectedDocument>();
  for (const r of rejected) {
    if (r.id !== undefined && !rejectedById.has(rejectedKey(r.kind, r.id))) rejectedById.set(rejectedKey(r.kind, r.id), r);
  }
  const rejectedConfig = repository.configSource ? undefined : rejected.find((r) => r.kind === 'Config' && r.source.file === CONFIG_FILE);
  return {
    ...(rejectedConfig ? { rejectedConfig } : {}),
    ...(surroundings.now !== undefined ? { today: localDayOf(repository.config.timeZone, surroundings.now) } : {}),
    markdownFiles: new Set(surroundings.markdownFiles ?? []),
    rejected: rejectedById,
    repository,
    calendars,
    services: index(repository.services),
    slas: index(repository.slas),
    consumers: index(repository.consumers),
    groups: index(repository.groups),
    changeTemplates: index(repository.changeTemplates),
    articles: index(repository.articles),
    statuses: new Map(repository.config.statuses.map((s) => [s.id, s])),
    priorities: new Set(repository.config.priorities.map((p) => p.id)),
  };
}

/** A diagnostic at `path` inside the document (or CSV row) that `source` names. */
export function diagnosticAt(
  source: SourceRef,
  path: (string | number)[],
  rule: string,
  severity: Severity,
  message: string,
  extra: { hint?: string; related?: RelatedLocation[]; target?: 'key' } = {},
): Diagnostic {
  const d: Diagnostic = { rule, severity, message, file: source.file, document: source.document, path: [...(source.path ?? []), ...path] };
  if (source.line !== undefined) {
    d.line = source.line;
    d.column = source.columns?.[String(path[0])] ?? 1;
  }
  if (extra.hint) d.hint = extra.hint;
  if (extra.related) d.related = extra.related;
  if (extra.target) d.target = extra.target;
  return d;
}

export function relatedAt(source: SourceRef, path: (string | number)[], message: string): RelatedLocation {
  const r: RelatedLocation = { file: source.file, document: source.document, path: [...(source.path ?? []), ...path], message };
  if (source.line !== undefined) {
    r.line = source.line;
    r.column = source.columns?.[String(path[0])] ?? 1;
  }
  return r;
}

/** Suggests the closest known id, for "did you mean" hints on broken references. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? `did you mean "${best}"?` : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
